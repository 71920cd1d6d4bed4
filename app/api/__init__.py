"""The read-only JSON API of the public record, /api/v1/."""

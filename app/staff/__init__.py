"""Staff accounts, sign-in and roles."""

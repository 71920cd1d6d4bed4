"""Spanish for issue 17, point 4: verified organizations (administration pages)."""

ES = {
    "Verified organizations": "Organizaciones verificadas",
    "A comment whose sender confirmed an e-mail address at one of an organization's domains "
    "(or a subdomain of one) is marked as verified with that organization. A domain belongs "
    "to one organization only.": (
        "Un comentario cuyo remitente confirmó una dirección de correo electrónico en uno de "
        "los dominios de una organización (o en un subdominio) se marca como verificado con "
        "esa organización. Un dominio pertenece a una sola organización."
    ),
    "Add an organization": "Agregar una organización",
    "Edit an organization": "Editar una organización",
    "E-mail domains": "Dominios de correo electrónico",
    "Edit %(name)s": "Editar %(name)s",
    "No organization is listed yet.": "Aún no hay ninguna organización registrada.",
    "Choose a sector.": "Elija un sector.",
    "Choose a country.": "Elija un país.",
    "One per line, like sonora.gob.mx. Addresses at a subdomain (mail.sonora.gob.mx) count too.": (
        "Uno por línea, como sonora.gob.mx. Las direcciones en un subdominio "
        "(mail.sonora.gob.mx) también cuentan."
    ),
    "Enter at least one e-mail domain.": "Escriba al menos un dominio de correo electrónico.",
    "“%(domain)s” is not an e-mail domain. Enter one per line, like sonora.gob.mx (without "
    "“@” or “https://”).": (
        "«%(domain)s» no es un dominio de correo electrónico. Escriba uno por línea, como "
        "sonora.gob.mx (sin «@» ni «https://»)."
    ),
    "%(domain)s is entered twice.": "%(domain)s está escrito dos veces.",
    "%(domain)s already belongs to %(name)s: a domain can verify one organization only.": (
        "%(domain)s ya pertenece a %(name)s: un dominio solo puede verificar a una organización."
    ),
    "One of these domains already belongs to another organization.": (
        "Uno de estos dominios ya pertenece a otra organización."
    ),
}

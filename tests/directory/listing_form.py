"""What the listing form posts: the listing's own fields and its rows as Django formsets."""

FORMSETS = ("venues", "sessions", "prices", "closures")


def rows(prefix: str, *values: dict, initial: int = 0) -> dict:
    """One formset as a browser posts it: the management form, then each row's fields."""
    data = {f"{prefix}-TOTAL_FORMS": str(len(values)), f"{prefix}-INITIAL_FORMS": str(initial)}
    for index, row in enumerate(values):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def listing_form(*, venues=None, sessions=None, prices=(), closures=(), **overrides) -> dict:
    """A valid listing with one venue and one session; overrides replace fields or whole formsets."""
    data = {
        "name": "Memory Café",
        "kind": "support_group",
        "summary": "A relaxed café for people living with dementia.",
        "description": "Tea, cake and activities.",
        "minimum_age": "",
        "maximum_age": "",
        "closed_on_bank_holidays": "on",
        "is_free": "on",
        "phone": "01263 000000",
        "languages": "en, pl",
    }
    if venues is None:
        venues = [{"name": "Town Hall", "address_1": "Market Place", "city": "Aylsham", "postcode": "nr2 1ab"}]
    if sessions is None:
        sessions = [{"day": "TU", "pattern": "1", "opens": "14:00", "closes": "16:00"}]
    for prefix, values in zip(FORMSETS, (venues, sessions, prices, closures), strict=True):
        data |= rows(prefix, *values)
    data.update(overrides)
    return data

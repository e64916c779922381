"""The places, topics, pages and councils every installation starts with, read from data/reference.json.

Norfolk's real structure: the county, its seven districts (with their ONS codes) and their main
towns, with approximate centres; the topics; the information pages; what each tier of council is
usually responsible for; the county, district and town councils. Staff add parishes and wards and
edit each council's own list in the admin. Used by data migrations, so it must not import models.
"""

import json
from pathlib import Path

_DATA = json.loads((Path(__file__).parent / "data" / "reference.json").read_text(encoding="utf-8"))


def _rows(key: str) -> list[tuple]:
    return [tuple(row) for row in _DATA[key]]


COUNTY = tuple(_DATA["county"])  # name, slug, ONS code, latitude, longitude

# name, slug, ONS code, latitude, longitude, [(town, latitude, longitude[, its own slug]), ...]
DISTRICTS = [
    (d["name"], d["slug"], d["ons_code"], d["latitude"], d["longitude"], [tuple(town) for town in d["towns"]])
    for d in _DATA["districts"]
]

TOPICS = _rows("topics")  # name, description

# slug, section, position: the information pages every installation has (text in localism/content/).
CORE_PAGES = _rows("core_pages")

# (name, slug, tier that usually holds it, what it covers) in a two-tier county like Norfolk.
RESPONSIBILITIES = _rows("responsibilities")

# The county and district councils: (name, slug, tier, the place slug it covers, website).
COUNCILS = _rows("councils")

# The town and parish councils of the towns the portal starts with: (name, the town's place slug).
# Great Yarmouth, Gorleston-on-Sea, King's Lynn and Norwich are unparished: their district serves them.
TOWN_COUNCILS = _rows("town_councils")

"""The places and topics every installation starts with.

Norfolk's real structure: the county, its seven districts (with their ONS codes)
and their main towns, with approximate centres. Staff add parishes and wards in
the admin. Used by a data migration, so it must not import models.
"""

COUNTY = ("Norfolk", "norfolk", "E10000020", 52.6140, 0.8864)

# name, slug, ONS code, latitude, longitude, [(town, latitude, longitude), ...]
DISTRICTS = [
    (
        "Breckland",
        "breckland",
        "E07000143",
        52.5800,
        0.8500,
        [
            ("Thetford", 52.4134, 0.7510),
            ("Dereham", 52.6818, 0.9388),
            ("Swaffham", 52.6486, 0.6869),
            ("Attleborough", 52.5179, 1.0192),
            ("Watton", 52.5711, 0.8283),
        ],
    ),
    (
        "Broadland",
        "broadland",
        "E07000144",
        52.7200,
        1.3200,
        [
            ("Aylsham", 52.7966, 1.2530),
            ("Acle", 52.6365, 1.5473),
            ("Reepham", 52.7617, 1.1125),
            ("Wroxham", 52.7106, 1.4072),
            ("Sprowston", 52.6489, 1.3322),
            ("Hellesdon", 52.6477, 1.2472),
        ],
    ),
    (
        "Great Yarmouth",
        "great-yarmouth",
        "E07000145",
        52.6500,
        1.6700,
        [
            ("Great Yarmouth", 52.6083, 1.7305, "great-yarmouth-town"),
            ("Gorleston-on-Sea", 52.5769, 1.7257),
            ("Caister-on-Sea", 52.6479, 1.7310),
        ],
    ),
    (
        "King's Lynn and West Norfolk",
        "kings-lynn-and-west-norfolk",
        "E07000146",
        52.7000,
        0.5000,
        [
            ("King's Lynn", 52.7543, 0.3976),
            ("Downham Market", 52.6003, 0.3833),
            ("Hunstanton", 52.9386, 0.4909),
        ],
    ),
    (
        "North Norfolk",
        "north-norfolk",
        "E07000147",
        52.8500,
        1.2000,
        [
            ("Cromer", 52.9310, 1.3020),
            ("Sheringham", 52.9432, 1.2107),
            ("North Walsham", 52.8211, 1.3879),
            ("Fakenham", 52.8310, 0.8480),
            ("Holt", 52.9060, 1.0910),
            ("Wells-next-the-Sea", 52.9530, 0.8510),
            ("Stalham", 52.7720, 1.5160),
        ],
    ),
    ("Norwich", "norwich", "E07000148", 52.6309, 1.2974, []),
    (
        "South Norfolk",
        "south-norfolk",
        "E07000149",
        52.5100,
        1.2500,
        [
            ("Wymondham", 52.5700, 1.1160),
            ("Diss", 52.3767, 1.1094),
            ("Long Stratton", 52.4890, 1.2310),
            ("Harleston", 52.4030, 1.2990),
            ("Loddon", 52.5340, 1.4810),
            ("Hingham", 52.5790, 0.9890),
            ("Costessey", 52.6600, 1.2060),
        ],
    ),
]

TOPICS = [
    ("Children and families", "Childcare, parenting, schools and family support"),
    ("Young people", "Youth clubs, activities and support for people aged 11 to 25"),
    ("Health and wellbeing", "Staying well, mental health, healthy living"),
    ("Adult social care", "Care and support at home, carers, care homes"),
    ("Older people", "Activities, lunch clubs and support for older people"),
    ("Disability and accessibility", "Support, equipment and accessible services"),
    ("Transport and roads", "Buses, community transport, roads, walking and cycling"),
    ("Environment and climate", "Green spaces, waste, recycling, climate action"),
    ("Housing", "Homes, homelessness and housing support"),
    ("Libraries and culture", "Libraries, museums, arts and heritage"),
    ("Community safety", "Safer neighbourhoods, fire and rescue, trading standards"),
    ("Economy and jobs", "Work, skills, training and local business"),
    ("Education and skills", "Adult learning, special educational needs, schools"),
    ("Sport and leisure", "Sports clubs, leisure centres and physical activity"),
    ("Volunteering", "Ways to give your time in your community"),
]

# slug, section, position: the information pages every installation has (text in localism/content/).
CORE_PAGES = [
    ("about-localism", "about", 1),
    ("working-with-councillors", "about", 2),
    ("how-to-get-involved", "get-involved", 1),
    ("community-rights", "get-involved", 2),
    ("house-rules", "get-involved", 3),
    ("accessibility-statement", "site", 1),
    ("privacy-notice", "site", 2),
    ("cookies", "site", 3),
]

# What each tier of council is responsible for in a two-tier county like Norfolk. Staff edit each
# council's own list in the admin; these are where every installation starts.
# (name, slug, tier that usually holds it, what it covers)
RESPONSIBILITIES = [
    ("Adult social care", "adult-social-care", "county", "Care and support at home, carers' support, care homes"),
    ("Children's services", "childrens-services", "county", "Child protection, fostering, children's centres"),
    ("Schools and education", "education", "county", "School places, admissions, special educational needs"),
    ("Libraries", "libraries", "county", "Public libraries and mobile libraries"),
    ("Roads and highways", "highways", "county", "Roads, pavements, potholes, street lights, traffic"),
    ("Public transport", "public-transport", "county", "Bus services, bus passes, community transport"),
    ("Public health", "public-health", "county", "Health improvement, sexual health, stop-smoking services"),
    ("Waste disposal and recycling centres", "waste-disposal", "county", "Recycling centres and waste disposal"),
    ("Trading standards", "trading-standards", "county", "Scams, unsafe goods, fair trading"),
    ("Fire and rescue", "fire-and-rescue", "county", "Norfolk Fire and Rescue Service"),
    (
        "Assets of community value",
        "assets-of-community-value",
        "district",
        "The register of assets of community value and the Community Right to Bid (Localism Act 2011, s.87)",
    ),
    ("Planning applications", "planning", "district", "Planning permission, building control, local plans"),
    ("Housing and homelessness", "housing", "district", "Council and social housing, homelessness advice"),
    ("Council tax and benefits", "council-tax", "district", "Council tax bills and housing benefit"),
    ("Bin collections", "waste-collection", "district", "Household waste and recycling collections"),
    ("Licensing", "licensing", "district", "Alcohol, entertainment, taxis and street trading licences"),
    ("Environmental health", "environmental-health", "district", "Food safety, noise, pest control, pollution"),
    ("Leisure centres and parks", "leisure", "district", "Leisure centres, sports facilities and parks"),
    ("Allotments", "allotments", "parish", "Allotments for local people"),
    ("Village and community halls", "community-halls", "parish", "Halls and community buildings"),
    ("Play areas and open spaces", "play-areas", "parish", "Play areas, playing fields and local green spaces"),
    ("Bus shelters, benches and footway lighting", "street-furniture", "parish", "Local street furniture"),
    ("Neighbourhood plans", "neighbourhood-plans", "parish", "Neighbourhood development plans (Localism Act 2011)"),
]

# The county and district councils: (name, slug, tier, the place slug it covers, website).
COUNCILS = [
    ("Norfolk County Council", "norfolk-county-council", "county", "norfolk", "https://www.norfolk.gov.uk"),
    ("Breckland Council", "breckland-council", "district", "breckland", "https://www.breckland.gov.uk"),
    (
        "Broadland District Council",
        "broadland-district-council",
        "district",
        "broadland",
        "https://www.southnorfolkandbroadland.gov.uk",
    ),
    (
        "Great Yarmouth Borough Council",
        "great-yarmouth-borough-council",
        "district",
        "great-yarmouth",
        "https://www.great-yarmouth.gov.uk",
    ),
    (
        "Borough Council of King's Lynn and West Norfolk",
        "kings-lynn-and-west-norfolk-borough-council",
        "district",
        "kings-lynn-and-west-norfolk",
        "https://www.west-norfolk.gov.uk",
    ),
    (
        "North Norfolk District Council",
        "north-norfolk-district-council",
        "district",
        "north-norfolk",
        "https://www.north-norfolk.gov.uk",
    ),
    ("Norwich City Council", "norwich-city-council", "district", "norwich", "https://www.norwich.gov.uk"),
    (
        "South Norfolk Council",
        "south-norfolk-council",
        "district",
        "south-norfolk",
        "https://www.southnorfolkandbroadland.gov.uk",
    ),
]

# The town and parish councils of the towns the portal starts with: (name, the town's place slug).
# Great Yarmouth, Gorleston-on-Sea, King's Lynn and Norwich are unparished: their district serves them.
TOWN_COUNCILS = [
    ("Thetford Town Council", "thetford"),
    ("Dereham Town Council", "dereham"),
    ("Swaffham Town Council", "swaffham"),
    ("Attleborough Town Council", "attleborough"),
    ("Watton Town Council", "watton"),
    ("Aylsham Town Council", "aylsham"),
    ("Acle Parish Council", "acle"),
    ("Reepham Town Council", "reepham"),
    ("Wroxham Parish Council", "wroxham"),
    ("Sprowston Town Council", "sprowston"),
    ("Hellesdon Parish Council", "hellesdon"),
    ("Caister-on-Sea Parish Council", "caister-on-sea"),
    ("Downham Market Town Council", "downham-market"),
    ("Hunstanton Town Council", "hunstanton"),
    ("Cromer Town Council", "cromer"),
    ("Sheringham Town Council", "sheringham"),
    ("North Walsham Town Council", "north-walsham"),
    ("Fakenham Town Council", "fakenham"),
    ("Holt Town Council", "holt"),
    ("Wells-next-the-Sea Town Council", "wells-next-the-sea"),
    ("Stalham Town Council", "stalham"),
    ("Wymondham Town Council", "wymondham"),
    ("Diss Town Council", "diss"),
    ("Long Stratton Town Council", "long-stratton"),
    ("Redenhall with Harleston Town Council", "harleston"),
    ("Loddon Parish Council", "loddon"),
    ("Hingham Town Council", "hingham"),
    ("Costessey Town Council", "costessey"),
]

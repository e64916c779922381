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

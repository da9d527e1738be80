"""Fixed reference lists the generator draws from: places, streets and the garments that
name the products whose live name is unknown."""

# Tables of data, laid out as tables.
# fmt: off

# country, population weight (percent), then (city, state, postal_code, latitude, longitude).
# Weights follow the live data; "España" and "Deutschland" are the stray local spellings it has.
PLACES: tuple[tuple[str, float, tuple[tuple[str, str, str, float, float], ...]], ...] = (
    ("China", 34.0, (
        ("Shanghai", "Shanghai", "200000", 31.2304, 121.4737),
        ("Beijing", "Beijing", "100000", 39.9042, 116.4074),
        ("Guangzhou", "Guangdong", "510000", 23.1291, 113.2644),
        ("Shenzhen", "Guangdong", "518000", 22.5431, 114.0579),
        ("Chengdu", "Sichuan", "610000", 30.5728, 104.0668),
        ("Wuhan", "Hubei", "430000", 30.5928, 114.3055),
        ("Hangzhou", "Zhejiang", "310000", 30.2741, 120.1551),
        ("Xi'an", "Shaanxi", "710000", 34.3416, 108.9398),
    )),
    ("United States", 22.5, (
        ("New York", "New York", "10001", 40.7506, -73.9972),
        ("Los Angeles", "California", "90012", 34.0614, -118.2385),
        ("Chicago", "Illinois", "60601", 41.8858, -87.6181),
        ("Houston", "Texas", "77002", 29.7566, -95.3650),
        ("Phoenix", "Arizona", "85004", 33.4515, -112.0685),
        ("Seattle", "Washington", "98101", 47.6114, -122.3305),
        ("Miami", "Florida", "33130", 25.7673, -80.2044),
        ("Denver", "Colorado", "80202", 39.7526, -104.9994),
    )),
    ("Brasil", 14.6, (
        ("São Paulo", "São Paulo", "01000-000", -23.5505, -46.6333),
        ("Rio de Janeiro", "Rio de Janeiro", "20000-000", -22.9068, -43.1729),
        ("Belo Horizonte", "Minas Gerais", "30000-000", -19.9167, -43.9345),
        ("Salvador", "Bahia", "40000-000", -12.9777, -38.5016),
        ("Curitiba", "Paraná", "80000-000", -25.4284, -49.2733),
        # Places whose city the live table gives as the text 'null' (seen in real exports).
        ("null", "Amazonas", "69800-000", -7.5065, -63.0208),
        ("null", "Bahia", "47350-000", -11.0870, -43.1400),
    )),
    ("South Korea", 5.3, (
        ("Seoul", "Seoul", "04524", 37.5665, 126.9780),
        ("Busan", "Busan", "48058", 35.1796, 129.0756),
        ("Incheon", "Incheon", "21554", 37.4563, 126.7052),
    )),
    ("France", 4.7, (
        ("Paris", "Île-de-France", "75001", 48.8566, 2.3522),
        ("Lyon", "Auvergne-Rhône-Alpes", "69001", 45.7640, 4.8357),
        ("Marseille", "Provence-Alpes-Côte d'Azur", "13001", 43.2965, 5.3698),
    )),
    ("United Kingdom", 4.6, (
        ("London", "England", "EC1A 1BB", 51.5205, -0.0977),
        ("Manchester", "England", "M1 1AE", 53.4808, -2.2426),
        ("Glasgow", "Scotland", "G1 1XQ", 55.8617, -4.2583),
    )),
    ("Germany", 4.2, (
        ("Berlin", "Berlin", "10115", 52.5323, 13.3846),
        ("Hamburg", "Hamburg", "20095", 53.5511, 9.9937),
        ("München", "Bayern", "80331", 48.1351, 11.5820),
    )),
    ("Spain", 4.0, (
        ("Madrid", "Madrid", "28001", 40.4168, -3.7038),
        ("Barcelona", "Catalonia", "08001", 41.3851, 2.1734),
        ("Valencia", "Valencia", "46001", 39.4699, -0.3763),
        ("null", "Aragón", "50016", 41.6726, -0.8647),
    )),
    ("Japan", 2.5, (
        ("Tokyo", "Tokyo", "100-0001", 35.6762, 139.6503),
        ("Osaka", "Osaka", "530-0001", 34.6937, 135.5023),
    )),
    ("Australia", 2.2, (
        ("Sydney", "New South Wales", "2000", -33.8688, 151.2093),
        ("Melbourne", "Victoria", "3000", -37.8136, 144.9631),
    )),
    ("Belgium", 1.3, (
        ("Brussels", "Brussels", "1000", 50.8503, 4.3517),
        ("Antwerpen", "Flanders", "2000", 51.2194, 4.4025),
    )),
    ("Poland", 0.05, (("Warszawa", "Mazowieckie", "00-001", 52.2297, 21.0122),)),
    ("Colombia", 0.03, (("Bogotá", "Bogotá", "110111", 4.7110, -74.0721),)),
    ("España", 0.01, (("Sevilla", "Andalucía", "41001", 37.3891, -5.9845),)),
    ("Deutschland", 0.01, (("Köln", "Nordrhein-Westfalen", "50667", 50.9375, 6.9603),)),
)

EMAIL_DOMAINS = ("example.com", "example.org", "example.net")

STREET_NAMES = (
    "Oak", "Maple", "Cedar", "Pine", "Elm", "Washington", "Lake", "Hill", "Park", "Main",
    "Church", "Mill", "River", "Spring", "Sunset", "Highland", "Forest", "Meadow", "Ridge",
    "Valley",
)
STREET_SUFFIXES = ("Street", "Avenue", "Road", "Lane", "Drive", "Court", "Way", "Place")

GARMENTS = {
    "Intimates": ("Bra", "Bralette", "Thong", "Brief", "Camisole", "Slip"),
    "Tops & Tees": ("T-Shirt", "Tank Top", "Henley", "Polo", "Blouse", "Crew Neck Tee"),
    "Fashion Hoodies & Sweatshirts": ("Hoodie", "Pullover Hoodie", "Zip Hoodie", "Sweatshirt"),
    "Sweaters": ("Cardigan", "V-Neck Sweater", "Turtleneck", "Crewneck Sweater", "Pullover"),
    "Swim": ("Bikini Top", "Swimsuit", "Board Short", "Swim Trunk", "Tankini", "Cover-Up"),
    "Jeans": ("Skinny Jean", "Straight Leg Jean", "Bootcut Jean", "Relaxed Fit Jean"),
    "Sleep & Lounge": ("Pajama Set", "Robe", "Lounge Pant", "Nightgown", "Sleep Shirt"),
    "Accessories": ("Belt", "Scarf", "Wallet", "Beanie", "Sunglasses", "Baseball Cap", "Tie"),
    "Shorts": ("Cargo Short", "Denim Short", "Chino Short", "Running Short"),
    "Dresses": ("Maxi Dress", "Wrap Dress", "Shift Dress", "Cocktail Dress", "Sundress"),
    "Active": ("Sports Bra", "Training Tee", "Track Jacket", "Running Tight", "Yoga Pant"),
    "Outerwear & Coats": ("Parka", "Trench Coat", "Puffer Jacket", "Peacoat", "Rain Jacket"),
    "Pants & Capris": ("Capri", "Wide Leg Pant", "Trouser", "Jogger"),
    "Pants": ("Chino", "Cargo Pant", "Dress Pant", "Jogger", "Corduroy Pant"),
    "Maternity": ("Maternity Tee", "Maternity Jean", "Nursing Top", "Maternity Dress"),
    "Socks & Hosiery": ("Tights", "Knee High Sock", "No Show Sock", "Stocking"),
    "Socks": ("Crew Sock", "Ankle Sock", "Dress Sock", "Athletic Sock"),
    "Blazers & Jackets": ("Blazer", "Denim Jacket", "Moto Jacket", "Bomber Jacket"),
    "Skirts": ("Pencil Skirt", "Mini Skirt", "Maxi Skirt", "Pleated Skirt"),
    "Leggings": ("Legging", "Printed Legging", "Fleece Legging"),
    "Plus": ("Plus Size Top", "Plus Size Dress", "Plus Size Jean", "Plus Size Tunic"),
    "Suits": ("Pant Suit", "Skirt Suit", "Suit Jacket"),
    "Jumpsuits & Rompers": ("Jumpsuit", "Romper", "Overall"),
    "Clothing Sets": ("Two Piece Set", "Lounge Set", "Matching Set"),
    "Underwear": ("Boxer Brief", "Trunk", "Boxer", "Undershirt"),
    "Suits & Sport Coats": ("Sport Coat", "Two Button Suit", "Tuxedo", "Vest"),
}

STYLE_WORDS = (
    "Classic", "Slim Fit", "Relaxed", "Vintage", "Essential", "Premium", "Lightweight",
    "Stretch", "Organic Cotton", "Striped", "Solid", "Printed", "Fleece", "Linen", "Wool Blend",
    "Seamless", "Ribbed", "Washed", "Heritage", "Performance",
)

# fmt: on

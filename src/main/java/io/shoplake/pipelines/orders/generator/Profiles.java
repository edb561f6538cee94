package io.shoplake.pipelines.orders.generator;

import java.util.List;

/**
 * Names, addresses and other descriptive values derived from a seed and an id by hashing, so the same customer
 * has the same address in customers.csv and on every order shipped to them without keeping it in memory.
 */
final class Profiles {

    static final List<String> FIRST_NAMES = List.of(
            "Clarence",
            "Emily",
            "George",
            "Rachel",
            "Anthony",
            "Diane",
            "Jerry",
            "Jean",
            "Maria",
            "James",
            "Linda",
            "Robert",
            "Patricia",
            "Michael",
            "Barbara",
            "William",
            "Susan",
            "David",
            "Jessica",
            "Richard",
            "Sarah",
            "Joseph",
            "Karen",
            "Thomas",
            "Nancy",
            "Charles",
            "Lisa",
            "Daniel",
            "Betty",
            "Matthew",
            "Helen",
            "Mark",
            "Sandra",
            "Paul",
            "Donna",
            "Steven",
            "Carol",
            "Andrew",
            "Ruth",
            "Kenneth",
            "Sharon",
            "Joshua",
            "Michelle",
            "Kevin",
            "Laura",
            "Brian",
            "Amy",
            "Ahmed",
            "Priya",
            "Wei");
    static final List<String> LAST_NAMES = List.of(
            "Gray",
            "Cooper",
            "Wilson",
            "Harris",
            "Hayes",
            "Palmer",
            "Fuller",
            "Holmes",
            "Frazier",
            "Smith",
            "Johnson",
            "Williams",
            "Brown",
            "Jones",
            "Garcia",
            "Miller",
            "Davis",
            "Rodriguez",
            "Martinez",
            "Hernandez",
            "Lopez",
            "Gonzalez",
            "Anderson",
            "Thomas",
            "Taylor",
            "Moore",
            "Jackson",
            "Martin",
            "Lee",
            "Perez",
            "Thompson",
            "White",
            "Sanchez",
            "Clark",
            "Ramirez",
            "Lewis",
            "Robinson",
            "Walker",
            "Young",
            "Allen",
            "King",
            "Wright",
            "Scott",
            "Torres",
            "Nguyen",
            "Hill",
            "Flores",
            "Green",
            "Adams",
            "Nelson");
    static final List<String> COMPANIES = List.of(
            "Jetpulse",
            "Skippad",
            "Riffpath",
            "Zoomzone",
            "Quatz",
            "Blogtag",
            "Voonyx",
            "Kwideo",
            "Twinder",
            "Yodel",
            "Brightdog",
            "Dabfeed",
            "Eire",
            "Fadeo",
            "Gigazoom",
            "Jabbertype",
            "Livetube",
            "Meevee",
            "Npath",
            "Oyoloo",
            "Photobug",
            "Realcube",
            "Skinix",
            "Topiczoom",
            "Wordware");
    static final List<String> STREETS = List.of(
            "Merrick Avenue",
            "Forster Crossing",
            "Browning Center",
            "Bayside Drive",
            "Anhalt Street",
            "4th Pass",
            "Spohn Place",
            "Eliot Trail",
            "Sundown Junction",
            "Oak Road",
            "Maple Lane",
            "Cedar Court",
            "Pine Street",
            "Lake View",
            "Hill Terrace",
            "Park Way",
            "River Road",
            "Sunset Boulevard",
            "Mill Lane",
            "Church Street");
    /** City, state, postal code prefix. */
    static final List<String[]> CITIES = List.of(
            new String[] {"Fort Wayne", "Indiana", "468"}, new String[] {"Mobile", "Alabama", "366"},
            new String[] {"Memphis", "Tennessee", "381"}, new String[] {"San Antonio", "Texas", "782"},
            new String[] {"Portland", "Oregon", "972"}, new String[] {"North Las Vegas", "Nevada", "890"},
            new String[] {"Virginia Beach", "Virginia", "234"}, new String[] {"Denver", "Colorado", "802"},
            new String[] {"Columbus", "Ohio", "432"}, new String[] {"Sacramento", "California", "958"},
            new String[] {"Atlanta", "Georgia", "303"}, new String[] {"Boston", "Massachusetts", "021"},
            new String[] {"Seattle", "Washington", "981"}, new String[] {"Miami", "Florida", "331"},
            new String[] {"Phoenix", "Arizona", "850"}, new String[] {"Madison", "Wisconsin", "537"});

    static final List<String> DOMAINS =
            List.of("example.com", "mail.example.org", "shop.example.net", "inbox.example.com");
    static final List<String> JOB_TITLES = List.of(
            "Sales Representative",
            "Sales Manager",
            "Account Executive",
            "Inside Sales Coordinator",
            "Customer Success Manager",
            "Administrative Assistant I");
    static final List<String> DEPARTMENTS = List.of("Sales", "Marketing", "Support", "Operations");
    static final List<String> CATEGORIES =
            List.of("Camera", "Laptop", "Tablet", "Phone", "Audio", "Accessories", "Gaming", "Wearables");
    static final List<String> BRANDS = List.of(
            "Nikkon", "Canon", "Dell", "Lenovo", "Apple", "Samsung", "Moto", "Sony", "Asus", "Acer", "Bose", "Garmin");

    private Profiles() {}

    /** A well-mixed 64-bit hash of (seed, id, salt): SplitMix64's finaliser. */
    static long hash(long seed, long id, int salt) {
        long z = seed * 0x9E3779B97F4A7C15L + id * 0xBF58476D1CE4E5B9L + salt * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A value in {@code [0, bound)} derived from (seed, id, salt). */
    static int pick(long seed, long id, int salt, int bound) {
        return (int) Math.floorMod(hash(seed, id, salt), (long) bound);
    }

    static <T> T pick(List<T> values, long seed, long id, int salt) {
        return values.get(pick(seed, id, salt, values.size()));
    }

    /** A person's or customer's address fields. */
    record Address(String address1, String city, String state, String postalCode, String country) {}

    static String firstName(long seed, long id) {
        return pick(FIRST_NAMES, seed, id, 1);
    }

    static String lastName(long seed, long id) {
        return pick(LAST_NAMES, seed, id, 2);
    }

    static Address address(long seed, long id) {
        String[] city = pick(CITIES, seed, id, 3);
        String street = (1 + pick(seed, id, 4, 9_999)) + " " + pick(STREETS, seed, id, 5);
        String postal = city[2] + digits(pick(seed, id, 6, 100), 2);
        return new Address(street, city[0], city[1], postal, "United States");
    }

    static String phone(long seed, long id) {
        return "1-(" + (200 + pick(seed, id, 7, 800)) + ")" + (200 + pick(seed, id, 8, 800)) + "-"
                + digits(pick(seed, id, 9, 10_000), 4);
    }

    /** {@code value} left-padded with zeros to {@code width} digits (String.format is slow in a hot loop). */
    static String digits(int value, int width) {
        String text = Integer.toString(value);
        return text.length() >= width ? text : "0".repeat(width - text.length()) + text;
    }

    static String email(long seed, long id, String first, String last) {
        return (Character.toLowerCase(first.charAt(0)) + last.toLowerCase(java.util.Locale.ROOT)) + id + "@"
                + pick(DOMAINS, seed, id, 10);
    }
}

package dev.selfheal.store.jdbc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.sql.DataSource;

/**
 * Tells, without Flyway, whether a database already has every migration this build bundles,
 * applied with the same checksum and description: then opening it needs no migration, and
 * Flyway (its classes, its scan of the class path, its validation) is not started at all.
 * A restart of a service opens a current schema far more often than anything migrates it.
 *
 * <p>The check is Flyway's validation, narrowed to the one answer "nothing to do": the bundled
 * migrations are listed from the class path ({@code file:} directories and {@code jar:} URLs,
 * Spring Boot's nested jars included) and their checksums computed as Flyway computes them
 * (CRC32 of each line's UTF-8 bytes, line breaks and BOM left out). Anything it does not
 * recognise (a resource it cannot list, a repeatable or callback script, a failed or baseline
 * row in the history, an applied version that is no longer bundled below the newest, any
 * mismatch, no history table) answers "not current", and Flyway runs as before and says what it
 * says: this never accepts a database Flyway would refuse.
 */
final class CurrentSchema {

    /** {@code V<version>__<description>.sql}, as Flyway's defaults name a versioned SQL migration. */
    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9._]*)__(.+)\\.sql");

    /** A bundled migration: its normalised version, description and Flyway checksum. */
    record Migration(String version, String description, int checksum) { }

    private CurrentSchema() { }

    /** Whether the database behind {@code dataSource} needs no migration; false whenever that cannot be told. */
    static boolean isCurrent(DataSource dataSource, Database.Dialect dialect) {
        Optional<List<Migration>> bundled = bundled(Database.class.getClassLoader(), locations(dialect));
        if (bundled.isEmpty() || bundled.get().isEmpty()) {
            return false;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT version, description, type, checksum, success FROM flyway_schema_history")) {
            Map<String, Migration> applied = new HashMap<>();
            while (rows.next()) {
                String type = rows.getString("type");
                if ("SCHEMA".equals(type)) {
                    continue; // the marker of a schema Flyway created: no file
                }
                String version = rows.getString("version");
                int checksum = rows.getInt("checksum");
                boolean noChecksum = rows.wasNull();
                if (!rows.getBoolean("success") || !"SQL".equals(type) || version == null || noChecksum) {
                    return false; // a failed, baseline, repeatable or Java migration: Flyway's to judge
                }
                applied.put(normalised(version), new Migration(normalised(version), rows.getString("description"), checksum));
            }
            return covers(applied, bundled.get());
        } catch (SQLException | RuntimeException e) {
            return false; // no history table yet, or one we cannot read: Flyway creates or judges it
        }
    }

    /** Every bundled migration applied as bundled, and nothing applied that is gone from below the newest. */
    static boolean covers(Map<String, Migration> applied, List<Migration> bundled) {
        Map<String, Migration> byVersion = new HashMap<>();
        for (Migration m : bundled) {
            byVersion.put(m.version(), m);
            if (!m.equals(applied.get(m.version()))) {
                return false;
            }
        }
        String newest = bundled.stream().map(Migration::version).max(CurrentSchema::compare).orElseThrow();
        for (String version : applied.keySet()) {
            if (!byVersion.containsKey(version) && compare(version, newest) < 0) {
                return false; // applied, no longer bundled, older than the newest: Flyway refuses that
            }
        }
        return true;
    }

    /** The class-path folders Flyway is given for the dialect, without Flyway. */
    static List<String> locations(Database.Dialect dialect) {
        List<String> locations = new ArrayList<>(List.of(Database.COMMON_MIGRATIONS));
        if (Database.class.getClassLoader().getResource(dialect.ownMigrations()) != null) {
            locations.add(dialect.ownMigrations());
        }
        return locations;
    }

    /** The versioned migrations under {@code locations}; empty when a location holds something this cannot read or judge. */
    static Optional<List<Migration>> bundled(ClassLoader loader, List<String> locations) {
        List<Migration> found = new ArrayList<>();
        try {
            for (String location : locations) {
                Enumeration<URL> urls = loader.getResources(location);
                while (urls.hasMoreElements()) {
                    if (!addFrom(urls.nextElement(), found)) {
                        return Optional.empty();
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.of(found);
    }

    private static boolean addFrom(URL url, List<Migration> found) throws IOException, URISyntaxException {
        if ("file".equals(url.getProtocol())) {
            Path root = Path.of(url.toURI());
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    try (InputStream in = Files.newInputStream(file)) {
                        if (!add(file.getFileName().toString(), in, found)) {
                            return false;
                        }
                    }
                }
            }
            return true;
        }
        URLConnection connection = url.openConnection();
        if (!(connection instanceof JarURLConnection jar)) {
            return false; // a class path Flyway may read and this does not
        }
        JarFile file = jar.getJarFile(); // cached and shared with the class loader: not ours to close
        String folder = jar.getEntryName();
        String prefix = folder.endsWith("/") ? folder : folder + "/";
        for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
            JarEntry entry = entries.nextElement();
            if (entry.isDirectory() || !entry.getName().startsWith(prefix)) {
                continue;
            }
            try (InputStream in = file.getInputStream(entry)) {
                if (!add(entry.getName().substring(entry.getName().lastIndexOf('/') + 1), in, found)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Adds a versioned migration; false for an SQL script of another kind (repeatable, callback) that Flyway would run. */
    private static boolean add(String name, InputStream in, List<Migration> found) throws IOException {
        if (!name.endsWith(".sql")) {
            return true; // Flyway reads only .sql files from these folders
        }
        Matcher m = VERSIONED.matcher(name);
        if (!m.matches()) {
            return false;
        }
        found.add(new Migration(normalised(m.group(1).replace('_', '.')), m.group(2).replace('_', ' '), checksum(in)));
        return true;
    }

    /** Flyway's checksum of a script: CRC32 over each line's UTF-8 bytes, without line breaks and byte-order mark. */
    static int checksum(InputStream in) throws IOException {
        CRC32 crc = new CRC32();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 4096);
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            crc.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return (int) crc.getValue();
    }

    /** {@code 1.0.0} and {@code 1} are one version to Flyway: trailing zero parts and leading zeros go. */
    static String normalised(String version) {
        List<BigInteger> parts = parts(version);
        int end = parts.size();
        while (end > 1 && parts.get(end - 1).signum() == 0) {
            end--;
        }
        return String.join(".", parts.subList(0, end).stream().map(BigInteger::toString).toList());
    }

    static int compare(String a, String b) {
        List<BigInteger> x = parts(a);
        List<BigInteger> y = parts(b);
        for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
            int c = (i < x.size() ? x.get(i) : BigInteger.ZERO).compareTo(i < y.size() ? y.get(i) : BigInteger.ZERO);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static List<BigInteger> parts(String version) {
        return Stream.of(version.split("\\.")).map(BigInteger::new).toList();
    }
}

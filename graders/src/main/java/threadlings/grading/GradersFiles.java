package threadlings.grading;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A copy, in memory, of files the verdicts depend on (the graders' classes and libraries, the manifest, the results
 * of topics already graded), taken before any code under test runs: {@link #changes} tells what the code changed
 * since, and {@link #restore} puts every such file back as it was.
 *
 * <p>The harness runs as whatever user the student or the CI runner is, often root, so file permissions protect
 * nothing: code under test can write anywhere the harness can. What it cannot do is change these files without the
 * harness noticing after its topic, or keep the change: later topics are graded from the files as they were.
 *
 * <p>Links are never followed: a file replaced by a link to elsewhere is a change, and restoring it removes the
 * link and writes the file, never the link's target.
 */
final class GradersFiles {

    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    /** One regular file as it was: its bytes and when it was last modified (build tools compare those). */
    private record Copy(byte[] bytes, FileTime modified) {
    }

    private final List<Path> roots = new ArrayList<>();
    private final Map<Path, Copy> files = new TreeMap<>();
    private final Set<Path> folders = new TreeSet<>();
    /** Roots that did not exist: one created later could shadow a grader class. */
    private final Set<Path> absent = new TreeSet<>();

    /** Copies every file under {@code roots} (folders, or single files such as jars). */
    static GradersFiles of(Iterable<Path> roots) throws IOException {
        GradersFiles g = new GradersFiles();
        for (Path root : roots) {
            g.add(root);
        }
        return g;
    }

    /** Copies every file under {@code root} as it is now, and watches it from now on. */
    void add(Path root) throws IOException {
        Path r = root.toAbsolutePath().normalize();
        if (roots.contains(r)) {
            return;
        }
        roots.add(r);
        if (!Files.exists(r, NOFOLLOW)) {
            absent.add(r);
            return;
        }
        for (Path p : list(r)) {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW);
            if (a.isDirectory()) {
                folders.add(p);
            } else if (a.isRegularFile()) {
                files.put(p, new Copy(Files.readAllBytes(p), a.lastModifiedTime()));
            }
        }
    }

    /** How many bytes the copy holds. */
    long bytes() {
        return files.values().stream().mapToLong(c -> c.bytes().length).sum();
    }

    /** The paths added, removed or changed since the copy was taken, in order. */
    List<Path> changes() throws IOException {
        Set<Path> changed = new LinkedHashSet<>();
        for (Path root : roots) {
            if (absent.contains(root)) {
                if (Files.exists(root, NOFOLLOW)) {
                    changed.add(root);
                }
                continue;
            }
            for (Path p : list(root)) {
                if (!files.containsKey(p) && !folders.contains(p)) {
                    changed.add(p);
                }
            }
        }
        for (Path folder : folders) {
            if (!Files.isDirectory(folder, NOFOLLOW)) {
                changed.add(folder);
            }
        }
        for (Map.Entry<Path, Copy> e : files.entrySet()) {
            if (!same(e.getKey(), e.getValue())) {
                changed.add(e.getKey());
            }
        }
        return new ArrayList<>(changed);
    }

    /**
     * Puts back what {@link #changes} reports: removes what was added, makes folders folders again, and writes each
     * changed or removed file's bytes (into a fresh file, never through a link).
     */
    void restore() throws IOException {
        for (Path p : changes().stream().sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
            if (!files.containsKey(p) && !folders.contains(p)) {
                deleteTree(p);
            }
        }
        for (Path folder : folders) {
            if (!Files.isDirectory(folder, NOFOLLOW)) {
                deleteTree(folder);
                Files.createDirectory(folder);
            }
        }
        for (Map.Entry<Path, Copy> e : files.entrySet()) {
            Path p = e.getKey();
            if (!same(p, e.getValue())) {
                deleteTree(p);
                Files.write(p, e.getValue().bytes(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                Files.setLastModifiedTime(p, e.getValue().modified());
            }
        }
    }

    private static boolean same(Path p, Copy copy) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW);
        } catch (NoSuchFileException e) {
            return false;
        }
        if (!a.isRegularFile() || a.size() != copy.bytes().length) {
            return false;
        }
        try {
            return Arrays.equals(Files.readAllBytes(p), copy.bytes());
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code root} and everything below it, links not followed. */
    private static List<Path> list(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.collect(Collectors.toList());
        }
    }

    /** Deletes {@code p}, and everything under it if it is a real folder; a link is removed, not followed. */
    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, NOFOLLOW)) {
            return;
        }
        if (Files.isDirectory(p, NOFOLLOW)) {
            for (Path q : list(p).stream().sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                try {
                    Files.deleteIfExists(q);
                } catch (DirectoryNotEmptyException e) {
                    // Something is still writing into it: the next check finds what is left.
                }
            }
        } else {
            Files.deleteIfExists(p);
        }
    }
}

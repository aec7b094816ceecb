package threadlings.grading.pr;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs git in one local repository. Only plumbing that reads objects is used, never anything that checks a
 * commit out, so a student's commit is only ever read as data: no hook, filter or attribute of theirs runs.
 */
final class Git {

    /** A git command that failed. */
    static final class GitException extends IOException {
        private static final long serialVersionUID = 1L;

        GitException(String message) {
            super(message);
        }
    }

    private static final long TIMEOUT_SECONDS = 120;

    private final Path repo;

    Git(Path repo) {
        this.repo = repo;
    }

    /** The output of {@code git args...}; fails unless git exits 0. */
    byte[] bytes(String... args) throws IOException, InterruptedException {
        Result r = run(args);
        if (r.exit != 0) {
            throw new GitException("git " + String.join(" ", args) + " failed (exit " + r.exit + "): "
                    + r.error.strip());
        }
        return r.out;
    }

    /** The output of {@code git args...} as text, without the final newline. */
    String text(String... args) throws IOException, InterruptedException {
        String s = new String(bytes(args), StandardCharsets.UTF_8);
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    /** The output of {@code git args...}, or null when git exits non-zero (a missing object, no merge base). */
    String textOrNull(String... args) throws IOException, InterruptedException {
        Result r = run(args);
        if (r.exit != 0) {
            return null;
        }
        String s = new String(r.out, StandardCharsets.UTF_8);
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    /** The full id of the commit {@code rev} names; fails when it names none. */
    String commit(String rev) throws IOException, InterruptedException {
        if (rev.startsWith("-")) {
            throw new GitException("not a revision: " + rev);
        }
        String id = textOrNull("rev-parse", "--verify", "--quiet", "--end-of-options", rev + "^{commit}");
        if (id == null || id.isBlank()) {
            throw new GitException("no commit named '" + rev + "' in " + repo);
        }
        return id.strip();
    }

    /** NUL-separated output as a list. */
    static List<String> split0(byte[] out) {
        List<String> items = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0) {
                items.add(new String(out, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < out.length) {
            items.add(new String(out, start, out.length - start, StandardCharsets.UTF_8));
        }
        return items;
    }

    private record Result(int exit, byte[] out, String error) {
    }

    private Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString(),
                // Never page, never prompt for credentials, never quote odd paths.
                "--no-pager", "-c", "core.quotepath=off", "-c", "core.fsmonitor=false"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        builder.environment().remove("GIT_DIR");
        builder.environment().remove("GIT_WORK_TREE");
        builder.environment().remove("GIT_INDEX_FILE");
        builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = builder.start();
        p.getOutputStream().close();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errors = new Thread(() -> copy(p.getErrorStream(), err), "git stderr");
        errors.setDaemon(true);
        errors.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(p.getInputStream(), out), "git stdout");
        reader.setDaemon(true);
        reader.start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new GitException("git " + String.join(" ", args) + " took more than " + TIMEOUT_SECONDS + " s");
        }
        reader.join(10_000);
        errors.join(10_000);
        return new Result(p.exitValue(), out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    private static void copy(InputStream in, ByteArrayOutputStream to) {
        try (in) {
            in.transferTo(to);
        } catch (IOException e) {
            // The process was killed: what was read is all there is.
        }
    }
}

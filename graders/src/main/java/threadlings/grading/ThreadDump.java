package threadlings.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a JVM's thread dump (what it prints on {@code SIGQUIT}) for where the student's code was stuck, when a
 * grader JVM ran past its topic's time budget and is about to be stopped: a deadlock among its threads if the JVM
 * found one, else a thread busy in the student's code, else one waiting in it.
 */
final class ThreadDump {

    private static final Pattern THREAD = Pattern.compile("^\"(.*)\" .*$", Pattern.MULTILINE);
    private static final Pattern STATE = Pattern.compile("java\\.lang\\.Thread\\.State: (\\w+)");
    private static final Pattern FRAME = Pattern.compile("^\\s+at (?:[^ ]*/)?([\\w$.]+)\\.([\\w$<>]+)\\(([^)]*)\\)",
            Pattern.MULTILINE);
    private static final Pattern WAITS = Pattern.compile("\"(.*)\":\\s*\\n\\s*waiting (?:to lock monitor|for ownable "
            + "synchronizer)[^\\n]*\\n\\s*which is held by \"(.*)\"");

    private ThreadDump() {
    }

    /** A sentence on where the student's code (classes {@code student}) is stuck in {@code dump}; null if unknown. */
    static String diagnose(String dump, Set<String> student) {
        int found = dump.indexOf("Java-level deadlock");
        if (found >= 0) {
            String deadlock = deadlock(dump.substring(found), student);
            if (deadlock != null) {
                return deadlock;
            }
        }
        String waiting = null;
        for (String block : dump.split("\\n\\s*\\n")) {
            Matcher name = THREAD.matcher(block);
            Matcher state = STATE.matcher(block);
            if (!name.find() || !state.find()) {
                continue;
            }
            String where = studentFrame(block, student);
            if (where == null) {
                continue;
            }
            String thread = "\"" + name.group(1) + "\"";
            if (state.group(1).equals("RUNNABLE")) {
                return running(where, thread);
            }
            if (waiting == null) {
                waiting = waiting(where, thread, state.group(1));
            }
        }
        return waiting;
    }

    /** The deadlock section of a dump, as a sentence, if one of its threads runs the student's code. */
    private static String deadlock(String section, Set<String> student) {
        int stacks = section.indexOf("Java stack information");
        String cycle = stacks < 0 ? section : section.substring(0, stacks);
        String frames = stacks < 0 ? "" : section.substring(stacks);
        List<String> links = new ArrayList<>();
        boolean ours = false;
        Matcher m = WAITS.matcher(cycle);
        while (m.find() && links.size() < 4) {
            String where = null;
            int at = frames.indexOf("\"" + m.group(1) + "\":");
            if (at >= 0) {
                int end = frames.indexOf("\n\"", at + 1);
                where = studentFrame(frames.substring(at, end < 0 ? frames.length() : end), student);
            }
            ours |= where != null;
            links.add(waitsFor(m.group(1), m.group(2), where));
        }
        return ours ? deadlocked(links) : null;
    }

    /** "your code was still running at …": a thread of the student's code that is runnable. */
    static String running(String where, String thread) {
        return Lang.say("your code was still running at " + where + " (thread " + thread + "): a loop that "
                + "never ends?", "你的代码仍在 " + where + " 处运行（线程 " + thread + "）：一个永远不会结束的循环？");
    }

    /** "your code was waiting at …": a thread of the student's code that waits, in {@code state}. */
    static String waiting(String where, String thread, String state) {
        return Lang.say("your code was waiting at " + where + " (thread " + thread + ", " + state
                + "): for something that never happens?", "你的代码在 " + where + " 处等待（线程 " + thread + "，"
                + state + "）：在等一件永远不会发生的事？");
    }

    /** One link of a deadlock: a thread, the thread holding the lock it waits for, and where it waits (or null). */
    static String waitsFor(String thread, String owner, String where) {
        return Lang.say("thread \"" + thread + "\" waits for a lock held by \"" + owner + "\""
                + (where == null ? "" : " (at " + where + ")"), "线程 \"" + thread + "\" 在等线程 \"" + owner
                + "\" 持有的锁" + (where == null ? "" : "（位于 " + where + "）"));
    }

    /** The sentence for a deadlock of the student's code, from its links. */
    static String deadlocked(List<String> links) {
        return Lang.say("your code is deadlocked: " + String.join(", and ", links) + ". Each waits for a lock the "
                + "next one holds, so none can ever go on: take locks in one fixed order everywhere.",
                "你的代码死锁了：" + String.join("；", links) + "。每个线程都在等下一个线程持有的锁，谁也无法继续：在所有地方都按同一个固定顺序取锁。");
    }

    /** The first frame of the student's code in a stack as the dump prints it, formatted like a stack trace's. */
    private static String studentFrame(String stack, Set<String> student) {
        Matcher f = FRAME.matcher(stack);
        while (f.find()) {
            String file = f.group(3);
            int colon = file.lastIndexOf(':');
            int line = -1;
            if (colon > 0) {
                try {
                    line = Integer.parseInt(file.substring(colon + 1));
                    file = file.substring(0, colon);
                } catch (NumberFormatException e) {
                    // "Native Method", "Unknown Source": no line.
                }
            }
            StackTraceElement e = new StackTraceElement(f.group(1), f.group(2), file, line);
            if (TopicRunner.isStudent(e, student)) {
                return TopicRunner.frame(e);
            }
        }
        return null;
    }
}

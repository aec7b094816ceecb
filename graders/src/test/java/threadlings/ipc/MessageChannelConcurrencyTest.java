package threadlings.ipc;

import static org.junit.jupiter.api.Assertions.fail;
import static threadlings.grading.Lang.say;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** send() from several threads at once: every message arrives whole, never mixed with another. */
class MessageChannelConcurrencyTest {

    private static final Duration LIMIT = Duration.ofSeconds(15);

    @Test
    @DisplayName("messages sent by two threads at the same moment never mix")
    void twoSendersNeverMix() throws Exception {
        // Two rounds: a long message (several KiB) and a short one, so no framing escapes by its size.
        meet("first sender: " + "\u00e9a".repeat(2000), "second sender: " + "\u4e2db".repeat(2000));
        meet("one", "two");
    }

    private static void meet(String first, String second) throws Exception {
        MeetingStream stream = new MeetingStream();
        MessageChannel channel = Transfer.call(LIMIT, "new MessageChannel(null, out)",
                () -> new MessageChannel(null, stream));
        List<String> messages = List.of(first, second);
        List<MeetingStream.Sender> senders = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (String m : messages) {
            MeetingStream.Sender[] self = new MeetingStream.Sender[1];
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    self[0].sending = true;
                    channel.send(m);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    self[0].returned = true;
                }
            }, "sender of \"" + m.substring(0, 3) + "…\"");
            t.setDaemon(true);
            self[0] = new MeetingStream.Sender(t);
            senders.add(self[0]);
        }
        stream.senders(senders);
        senders.forEach(s -> s.thread.start());
        go.countDown();
        Transfer.run(LIMIT, say("two threads each calling send() once", "两个线程各调用一次 send()"), () -> {
            for (MeetingStream.Sender s : senders) {
                s.thread.join();
            }
        });
        if (failure.get() != null) {
            throw new AssertionError(say("send() threw " + failure.get() + " when two threads called it at once",
                    "两个线程同时调用 send() 时，它抛出了 " + failure.get()), failure.get());
        }
        Transfer.Received r = Transfer.decode(stream.toByteArray(), 3);
        List<String> got = r.messages();
        boolean whole = r.ending().equals("empty") && got.size() == 2
                && (got.equals(messages) || got.equals(List.of(second, first)));
        if (!whole) {
            fail(say(
                    "two threads called send() at the same moment, one with \"" + Texts.shorten(first) + "\", the other"
                    + " with \"" + Texts.shorten(second) + "\"; receiving what they wrote gave "
                    + Expect.list(got) + ", then receive() " + r.ending() + "."
                    + (stream.met() ? " While the first thread was writing its message, the other thread's bytes"
                    + " went into the stream: the two messages mixed." : "")
                    + " Write each frame (its length and its bytes) and flush it while holding a lock, e.g. inside"
                    + " synchronized (lock) { ... } in send(), so that no other thread can write in between",
                    "两个线程在同一时刻调用了 send()，一个发送 \"" + Texts.shorten(first) + "\"，另一个发送 \""
                    + Texts.shorten(second) + "\"；接收它们写出的内容，得到的是 " + Expect.list(got) + "，随后 receive() "
                    + r.endingZh() + "。"
                    + (stream.met() ? "第一个线程还在写它的消息时，另一个线程的字节就写进了流里：两条消息混在了一起。" : "")
                    + "请在持有锁的情况下写出每一帧（长度和字节）并 flush，例如在 send() 里放进"
                    + " synchronized (lock) { ... } 中，这样其他线程就无法在中间插进来写"));
        }
    }

    @Test
    @DisplayName("messages sent by 8 threads at once through a pipe all arrive whole, each thread's in order")
    void manySendersThroughAPipe() throws Exception {
        int threads = 8;
        int each = 60;
        try (OsPipe pipe = new OsPipe()) {
            MessageChannel sending = Transfer.call(LIMIT, "new MessageChannel(null, out)",
                    () -> new MessageChannel(null, pipe.out));
            MessageChannel receiving = Transfer.call(LIMIT, "new MessageChannel(in, null)",
                    () -> new MessageChannel(pipe.in, null));
            CountDownLatch go = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                Thread thread = new Thread(() -> {
                    try {
                        go.await();
                        for (int i = 0; i < each; i++) {
                            sending.send(message(id, i));
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }, "sender " + t);
                thread.setDaemon(true);
                senders.add(thread);
                thread.start();
            }
            go.countDown();
            Transfer.Received r;
            try {
                r = Transfer.receiveAll(receiving, threads * each, say("receive() while 8 threads send "
                        + threads * each + " messages", "8 个线程共发送 " + threads * each + " 条消息时调用 receive()"));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + say(". The receiver may be waiting for the rest of a message"
                        + " whose length it read from the middle of another: if two threads' frames mix, the"
                        + " stream no longer makes sense. Write each frame and flush it while holding a lock",
                        "。接收方可能在等待一条消息的剩余部分，而这条消息的长度是它从另一条消息的中间读出来的：两个线程的"
                        + "帧一旦混在一起，整个流就无法再解读了。请在持有锁的情况下写出每一帧并 flush"), null);
            }
            if (failure.get() != null) {
                throw new AssertionError(say("send() threw " + failure.get() + " while 8 threads sent at once",
                        "8 个线程同时发送时，send() 抛出了 " + failure.get()), failure.get());
            }
            Map<Integer, Integer> next = new HashMap<>();
            for (int k = 0; k < r.messages().size(); k++) {
                String m = r.messages().get(k);
                int[] id = parse(m);
                if (id == null || !m.equals(message(id[0], id[1]))) {
                    fail(say("8 threads each sent " + each + " messages at once through a pipe; message " + (k + 1)
                            + " received was \"" + Texts.shorten(m) + "\", which no thread sent: two messages mixed."
                            + " Write each frame (its length and its bytes) and flush it while holding a lock, so"
                            + " that no other thread can write in between",
                            "8 个线程同时经管道各发送了 " + each + " 条消息；收到的第 " + (k + 1) + " 条消息是 \""
                            + Texts.shorten(m) + "\"，没有哪个线程发送过它：两条消息混在了一起。请在持有锁的情况下写出"
                            + "每一帧（长度和字节）并 flush，这样其他线程就无法在中间插进来写"));
                }
                int expected = next.getOrDefault(id[0], 0);
                if (id[1] != expected) {
                    fail(say(
                            "8 threads each sent " + each + " messages at once; thread " + id[0] + "'s message " + id[1]
                            + " arrived where its message " + expected + " was due: one thread's messages must"
                            + " arrive in the order it sent them",
                            "8 个线程同时各发送了 " + each + " 条消息；线程 " + id[0] + " 的消息 " + id[1] + " 出现在了本该是它的"
                            + "消息 " + expected + " 的位置：同一个线程的消息必须按它发送的顺序到达"));
                }
                next.put(id[0], expected + 1);
            }
            if (r.messages().size() < threads * each) {
                fail(say("8 threads each sent " + each + " messages at once; only " + r.messages().size() + " of "
                        + threads * each + " arrived before receive() " + r.ending(),
                        "8 个线程同时各发送了 " + each + " 条消息；在 receive() " + r.endingZh() + " 之前，"
                        + threads * each + " 条消息中只到达了 " + r.messages().size() + " 条"));
            }
        }
    }

    /** Message {@code i} of thread {@code t}: its name, then a body whose length varies, non-ASCII included. */
    private static String message(int t, int i) {
        return "thread " + t + " message " + i + ": " + "\u00e9\u4e2dx".repeat((t * 131 + i * 37) % 700);
    }

    private static int[] parse(String m) {
        try {
            String[] words = m.split(" ", 5);
            return new int[] {Integer.parseInt(words[1]), Integer.parseInt(words[3].replace(":", ""))};
        } catch (RuntimeException e) {
            return null;
        }
    }
}

package threadlings.ipc;

import static threadlings.grading.Lang.say;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import threadlings.grading.Deadline;
import threadlings.grading.Lang;

/** Sending messages with the student's channel and receiving them with another of its channels. */
final class Transfer {

    /** Far longer than a correct channel takes to move a few MiB through a pipe here, even on a busy machine. */
    static final Duration LIMIT = Duration.ofSeconds(15);

    private Transfer() {
    }

    /**
     * {@link Deadline#call} for a call into the student's code. The stub's "TODO" reaches an English run as it is;
     * in a Chinese run it comes behind a line in Chinese that names the class not implemented yet.
     */
    static <T> T call(Duration limit, String what, Deadline.Call<T> call) throws Exception {
        try {
            return Deadline.call(limit, what, call);
        } catch (UnsupportedOperationException todo) {
            if (Lang.current() == Lang.ZH && todo.getMessage() != null && todo.getMessage().startsWith("TODO")) {
                String name = "MessageChannel";
                for (StackTraceElement frame : todo.getStackTrace()) {
                    if (frame.getClassName().startsWith("threadlings.ipc.")) {
                        name = frame.getClassName().substring("threadlings.ipc.".length());
                        break;
                    }
                }
                throw new AssertionError(name + " 还没有实现：" + todo.getMessage(), todo);
            }
            throw todo;
        }
    }

    /** {@link #call} for code with no result. */
    static void run(Duration limit, String what, Deadline.Run run) throws Exception {
        call(limit, what, () -> {
            run.run();
            return null;
        });
    }

    /** What came out: the messages received in order, and how the receiving ended. */
    record Received(List<String> messages, String ending) {

        /** {@link #ending()} as the Chinese text says it, after "随后 receive() ". */
        String endingZh() {
            if (ending.equals("empty")) {
                return "返回了 Optional.empty()";
            }
            if (ending.startsWith("threw ")) {
                return "抛出了 " + ending.substring("threw ".length());
            }
            if (ending.equals("returned null instead of an Optional")) {
                return "返回了 null，而不是一个 Optional";
            }
            if (ending.equals("stopped: enough messages")) {
                return "不再被调用：收到的消息已经够多了";
            }
            return ending;
        }
    }

    /**
     * Sends {@code messages} from a thread of its own through an OS pipe and receives them here until
     * {@code receive()} returns empty, throws, or {@code messages.size() + 1} messages have arrived. The sender
     * closes its channel when done. Everything happens within {@link #LIMIT}.
     */
    static Received throughPipe(List<String> messages) throws Exception {
        try (OsPipe pipe = new OsPipe()) {
            MessageChannel sending = call(LIMIT, "new MessageChannel(null, out)",
                    () -> new MessageChannel(null, pipe.out));
            MessageChannel receiving = call(LIMIT, "new MessageChannel(in, null)",
                    () -> new MessageChannel(pipe.in, null));
            AtomicReference<Throwable> sendFailure = new AtomicReference<>();
            Thread sender = new Thread(() -> {
                try {
                    for (String m : messages) {
                        sending.send(m);
                    }
                    sending.close();
                } catch (Throwable t) {
                    sendFailure.set(t);
                    pipe.close(); // so the receiver is not left waiting
                }
            }, "sender");
            sender.setDaemon(true);
            sender.start();
            Received r = receiveAll(receiving, messages.size() + 1, say("receive() while another thread sends "
                    + messages.size() + " messages through a pipe",
                    "另一个线程经管道发送 " + messages.size() + " 条消息时调用 receive()"));
            if (sendFailure.get() != null) {
                Throwable t = sendFailure.get();
                throw new AssertionError(say("send() threw " + t + " while sending " + messages.size() + " messages"
                        + " through a pipe that another thread read",
                        "经管道发送 " + messages.size() + " 条消息（另一个线程在读取）时，send() 抛出了 " + t), t);
            }
            return r;
        }
    }

    /** Sends {@code messages} with the student's channel into memory; returns the bytes written. */
    static byte[] encode(List<String> messages) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        run(LIMIT, say("send() into a ByteArrayOutputStream", "向 ByteArrayOutputStream 调用 send()"), () -> {
            MessageChannel channel = new MessageChannel(null, bytes);
            for (String m : messages) {
                channel.send(m);
            }
        });
        return bytes.toByteArray();
    }

    /** Receives from {@code bytes} with the student's channel, until the end or {@code most} messages. */
    static Received decode(byte[] bytes, int most) throws Exception {
        MessageChannel channel = call(LIMIT, "new MessageChannel(in, null)",
                () -> new MessageChannel(new ByteArrayInputStream(bytes), null));
        return receiveAll(channel, most, say("receive() from a ByteArrayInputStream",
                "从 ByteArrayInputStream 调用 receive()"));
    }

    /** Calls receive() until it returns empty or throws, or {@code most} messages have come; all within LIMIT. */
    static Received receiveAll(MessageChannel channel, int most, String what) throws Exception {
        List<String> got = new ArrayList<>();
        String ending = call(LIMIT, what, () -> {
            while (got.size() < most) {
                Optional<String> m;
                try {
                    m = channel.receive();
                } catch (Exception e) {
                    return "threw " + e;
                }
                if (m == null) {
                    return "returned null instead of an Optional";
                }
                if (m.isEmpty()) {
                    return "empty";
                }
                synchronized (got) {
                    got.add(m.get());
                }
            }
            return "stopped: enough messages";
        });
        synchronized (got) {
            return new Received(new ArrayList<>(got), ending);
        }
    }
}

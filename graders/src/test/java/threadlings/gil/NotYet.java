package threadlings.gil;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import threadlings.grading.Deadline;
import threadlings.grading.Lang;

/**
 * The stub's "TODO" as a student reads it: in a Chinese run, behind a line in Chinese that names the class still to
 * write ("Gil 还没有实现：TODO …"); in English it reaches the student as it is. Jupiter test classes use it as an
 * extension; jqwik properties, which Jupiter extensions do not reach, wrap their bodies in {@link #run}.
 */
final class NotYet implements TestExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        throw explain(thrown);
    }

    /** Runs {@code body}, passing on what it throws, the stub's "TODO" explained. */
    static void run(Deadline.Run body) throws Exception {
        try {
            body.run();
        } catch (UnsupportedOperationException todo) {
            Throwable explained = explain(todo);
            if (explained instanceof Error) {
                throw (Error) explained;
            }
            throw todo;
        }
    }

    /** {@code thrown}, or, for the stub's "TODO" in a Chinese run, an AssertionError that says so in Chinese. */
    static Throwable explain(Throwable thrown) {
        if (!(thrown instanceof UnsupportedOperationException) || Lang.current() != Lang.ZH) {
            return thrown;
        }
        StackTraceElement[] stack = thrown.getStackTrace();
        String where = stack.length > 0 ? stack[0].getClassName() : "";
        String name = where.startsWith("threadlings.gil.")
                ? where.substring("threadlings.gil.".length()).replaceFirst("\\$.*", "") : "你的代码";
        return new AssertionError(name + " 还没有实现：" + thrown.getMessage(), thrown);
    }
}

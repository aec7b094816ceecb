package threadlings.speedup;

import static threadlings.grading.Lang.say;

import java.time.Duration;
import threadlings.grading.Deadline;
import threadlings.grading.Lang;

/** Calls into the student's code, each bounded in time, and the checks several tests share. */
final class Calls {

    /** Generous for any call the graders make: two million numbers take well under a second of CPU. */
    static final Duration LIMIT = Duration.ofSeconds(20);

    private Calls() {
    }

    /** {@code count(limit, threads)}, bounded by {@link #LIMIT}. */
    static long count(long limit, int threads) throws Exception {
        try {
            return Deadline.call(LIMIT, "count(" + limit + ", " + threads + ")",
                    () -> PrimeCounter.count(limit, threads));
        } catch (UnsupportedOperationException todo) {
            notImplemented(todo);
            throw todo;
        }
    }

    /**
     * In a Chinese run, throws the stub's "TODO" behind a line in Chinese; in English it reaches the student as it
     * is, so this returns.
     */
    static void notImplemented(UnsupportedOperationException todo) {
        if (Lang.current() == Lang.ZH) {
            throw new AssertionError("PrimeCounter 还没有实现：" + todo.getMessage(), todo);
        }
    }

    /** Fails unless {@code count(limit, threads)} returned the number of primes from 2 to {@code limit}. */
    static void checkCount(long limit, int threads, long got) {
        long expected = Expected.primesUpTo(limit);
        if (got == expected) {
            return;
        }
        String call = "count(" + limit + ", " + threads + ")";
        String why;
        if (limit >= 2 && Expected.isPrime(limit) && got == expected - 1) {
            why = say(" It left out the limit itself, which is prime here: count every n with 2 <= n <= limit, the "
                    + "limit included.",
                    "它漏掉了 limit 本身，而这里的 limit 正是素数：要统计满足 2 <= n <= limit 的每一个 n，limit 本身也算在内。");
        } else if (limit < Expected.MAX && got == Expected.primesUpTo(limit + 1)) {
            why = say(" It counted one number past the limit: stop at n <= limit.",
                    "它多数了 limit 之后的一个数：到 n <= limit 为止。");
        } else if (got < 0 || got > limit) {
            why = say(" That cannot be a count of numbers from 2 to " + limit + ".",
                    "这不可能是 2 到 " + limit + " 之间的数的个数。");
        } else {
            why = say(" Test every n from 2 to limit exactly once with Primes.isPrime(n), and add up what every thread "
                    + "found once all of them have finished.",
                    "用 Primes.isPrime(n) 把 2 到 limit 的每个 n 恰好测试一次，等所有线程都结束之后，再把每个线程找到的"
                            + "个数加起来。");
        }
        throw new AssertionError(say(call + " returned " + got + ", expected " + expected + ": the number of primes n "
                + "with 2 <= n <= " + limit + ".",
                call + " 返回了 " + got + "，应为 " + expected + "，即满足 2 <= n <= " + limit + " 的素数 n 的个数。")
                + why);
    }
}

package io.jparallel.launcher.demo;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.jparallel.client.AsyncResult;
import io.jparallel.client.CallOptions;
import io.jparallel.client.Client;
import io.jparallel.client.CompositeError;
import io.jparallel.client.DirectView;
import io.jparallel.client.LoadBalancedView;
import io.jparallel.client.RemoteError;
import io.jparallel.protocol.function.Fn0;
import io.jparallel.protocol.function.Fn2;

/**
 * IPython parallel's getting-started session, in Java. Start a cluster first
 * ({@code bin/jpcluster start -n 4}); this connects with the default profile's connection file.
 */
public final class Tutorial {

	private Tutorial() {
	}

	public static void main(String[] args) {
		try (Client rc = Client.connect()) {
			System.out.println("rc.ids()                                  = " + rc.ids());

			Fn2<Integer, Integer, Integer> mul = (a, b) -> a * b;
			System.out.println("rc.get(0).applySync(mul, 5, 6)            = " + rc.get(0).applySync(mul, 5, 6));
			DirectView dview = rc.all();
			System.out.println("rc.all().applySync(mul, 5, 6)             = " + dview.applySync(mul, 5, 6));

			List<Integer> xs = IntStream.rangeClosed(1, 9).boxed().toList();
			List<Integer> ys = IntStream.rangeClosed(2, 10).boxed().toList();
			LoadBalancedView lview = rc.loadBalancedView();
			System.out.println("dview.mapSync(mul, 1..9, 2..10)           = " + dview.mapSync(mul, xs, ys));
			System.out.println("lview.mapSync(mul, 1..9, 2..10)           = " + lview.mapSync(mul, xs, ys));

			dview.setBlock(true);
			dview.execute("var a = ProcessHandle.current().pid();");
			System.out.println("execute(a = pid); dview.get(\"a\")          = " + dview.get("a"));

			dview.push(Map.of("a", 5, "b", 10));
			dview.execute("var c = a + b;", CallOptions.targets(0, 2));
			dview.execute("var c = a - b;", CallOptions.targets(1, 3));
			System.out.println("push(a=5, b=10); c = a+b | a-b; pull(\"c\") = " + dview.pull("c").get());

			Fn0<Long> sleepThenPid = () -> {
				Thread.sleep(2000);
				return ProcessHandle.current().pid();
			};
			dview.setBlock(false);
			AsyncResult<List<Long>> ar = dview.applyAsync(sleepThenPid);
			System.out.println("applyAsync(sleep 2 s; pid).ready()        = " + ar.ready());
			System.out.println("ar.get()                                  = " + ar.get());
			System.out.println("ar.engineIds()                            = " + ar.engineIds());

			AsyncResult<List<String>> printed = dview.execute("System.out.println(\"hello from engine \" + a);");
			printed.get();
			System.out.println("stdout of execute(println)                = " + printed.stdout());

			try {
				dview.execute("1/0;").get();
			}
			catch (CompositeError error) {
				System.out.println("execute(\"1/0;\") raised CompositeError:");
				for (RemoteError remote : error.errors()) {
					System.out.println("  engine " + remote.engineId() + ": " + remote.ename() + ": " + remote.evalue());
				}
			}
		}
	}

}

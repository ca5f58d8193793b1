"""IPython parallel side of the JParallel benchmarks.

Runs the same workloads with the same counts as io.jparallel.bench.JParallelWorkloads, so the two systems
can be compared figure by figure. Progress goes to stdout as plain lines; the LAST stdout line is one JSON
object with the results (the Java runner parses only that line).

Run with Debian's python (/usr/bin/python3), which has python3-ipyparallel, numpy and matplotlib:
    IPYTHONDIR=$(mktemp -d) /usr/bin/python3 bench/ipyparallel_bench.py --engines 4 [--quick]
Use a temporary IPYTHONDIR so nothing is left in ~/.ipython.
"""
import argparse
import json
import os
import platform
import statistics
import sys
import threading
import time
import traceback

# The same counts as JParallelWorkloads (see Counts.java); keep the two in step.
FULL = dict(warmup=50, round_trips=1000, lb_tasks=5000, map1_items=10000, map_chunked_items=100000,
            chunksize=1000, push_mb=100, execute_warmup=5, execute_reps=20)
QUICK = dict(warmup=20, round_trips=200, lb_tasks=1000, map1_items=2000, map_chunked_items=20000,
             chunksize=1000, push_mb=20, execute_warmup=2, execute_reps=5)


def progress(message):
    print(f"[ipyparallel] {message}", flush=True)


def noop(x=None):
    return x


def mul(a, b):
    return a * b


def percentile(sorted_values, p):
    """Nearest-rank percentile, the same definition as Stats.percentile in the Java runner."""
    if not sorted_values:
        raise ValueError("no values")
    import math
    rank = max(1, math.ceil(p / 100.0 * len(sorted_values)))
    return sorted_values[rank - 1]


def rss_bytes(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def pss_bytes(pid):
    """Proportional set size: each page shared between processes split among them (smaps_rollup's Pss)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def parse_stat_cpu_seconds(stat, clock_ticks):
    """utime + stime + cutime + cstime of a /proc/<pid>/stat line, in seconds; the same as ProcessCpu.parseStat.

    The command name (field 2) is in parentheses and may hold spaces, so fields are counted after the last ')':
    state is field 3, utime 14, stime 15, cutime 16, cstime 17."""
    fields = stat[stat.rindex(")") + 1:].split()
    return sum(int(fields[i - 3]) for i in range(14, 18)) / clock_ticks


def cpu_seconds(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return parse_stat_cpu_seconds(f.read(), CLOCK_TICKS)
    except (OSError, ValueError, IndexError):
        return 0.0


def cluster_processes(cluster_id):
    """pid -> name of the controller and engines of this cluster: their command lines carry the cluster id."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                cmdline = f.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if cluster_id in cmdline:
            if "controller" in cmdline:
                name = "controller"
            elif "engine" in cmdline:
                name = "engine"
            else:
                name = "other"
            found[int(entry)] = name
    return found


def memory_snapshot(cluster_id, measure=rss_bytes):
    """name -> measure(pid) (RSS bytes unless told otherwise); engines numbered by pid order."""
    procs = cluster_processes(cluster_id)
    out = {}
    counters = {}
    for pid in sorted(procs):
        kind = procs[pid]
        k = counters.get(kind, 0)
        counters[kind] = k + 1
        if kind == "engine":
            name = f"engine-{k}"
        elif k == 0:
            name = kind
        else:
            # the controller forks its schedulers; RSS counts the pages they share with it again
            name = f"{kind}-child-{k}"
        out[name] = measure(pid)
    out["client"] = measure(os.getpid())
    return out


class PeakSampler:
    """Samples the cluster's RSS and PSS every 0.5 s during a workload and keeps each process's peaks."""

    def __init__(self, cluster_id):
        self.cluster_id = cluster_id
        self.peak = {}
        self.peak_pss = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            for peak, measure in ((self.peak, rss_bytes), (self.peak_pss, pss_bytes)):
                for name, value in memory_snapshot(self.cluster_id, measure).items():
                    peak[name] = max(peak.get(name, 0), value)
            self._stop.wait(0.5)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(timeout=5)


class Watchdog:
    """Gives a workload a time limit: if it runs over, report it as failed and exit (the runner kills leftovers)."""

    def __init__(self, result, limit_s):
        self.result = result
        self.limit_s = limit_s
        self.name = None
        self.deadline = None
        threading.Thread(target=self._run, daemon=True).start()

    def arm(self, name):
        self.name, self.deadline = name, time.monotonic() + self.limit_s

    def disarm(self):
        self.deadline = None

    def _run(self):
        while True:
            time.sleep(1)
            deadline = self.deadline
            if deadline is not None and time.monotonic() > deadline:
                self.result["errors"][self.name] = f"timed out after {self.limit_s} s"
                progress(f"{self.name} timed out after {self.limit_s} s; giving up")
                print(json.dumps(self.result), flush=True)
                os._exit(3)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--engines", type=int, default=4)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--workload-timeout", type=float, default=120)
    args = parser.parse_args()
    counts = QUICK if args.quick else FULL
    n = args.engines

    import ipyparallel as ipp
    import numpy as np

    result = dict(system="ipyparallel", engines=n, counts=counts, metrics={}, errors={}, rss_idle={}, rss_load={},
                  pss_idle={}, pss_load={}, cpu_start={},
                  versions=dict(ipyparallel=ipp.__version__, python=platform.python_version(),
                                numpy=np.__version__, pyzmq=__import__("zmq").pyzmq_version(),
                                libzmq=__import__("zmq").zmq_version()))
    metrics, errors = result["metrics"], result["errors"]
    watchdog = Watchdog(result, args.workload_timeout)

    def run(key, fn):
        watchdog.arm(key)
        try:
            fn()
        except Exception as ex:  # a failed workload is reported, the others still run
            errors[key] = f"{type(ex).__name__}: {ex}"
            progress(f"{key} FAILED: {errors[key]}")
            traceback.print_exc(file=sys.stdout)
        finally:
            watchdog.disarm()

    progress(f"starting a cluster of {n} engines ...")
    watchdog.arm("start_s")
    t0 = time.perf_counter()
    cluster = ipp.Cluster(n=n)
    try:
        rc = cluster.start_and_connect_sync()
        rc.wait_for_engines(n, timeout=120)
        rc[:].apply_sync(lambda: 1)
    except Exception as ex:
        errors["start_s"] = f"{type(ex).__name__}: {ex}"
        traceback.print_exc(file=sys.stdout)
        try:
            cluster.stop_cluster_sync()
        except Exception:
            pass
        print(json.dumps(result), flush=True)
        return
    metrics["start_s"] = time.perf_counter() - t0
    result["cpu_start"] = memory_snapshot(cluster.cluster_id, cpu_seconds)
    watchdog.disarm()
    progress(f"cluster usable after {metrics['start_s']:.2f} s")
    cpu = result["cpu_start"]
    progress("CPU-seconds at that moment: " + ", ".join(f"{k} {v:.2f}" for k, v in cpu.items() if k != "client")
             + f", total {sum(v for k, v in cpu.items() if k != 'client'):.2f} (client {cpu.get('client', 0):.2f})")
    result["cluster_id"] = cluster.cluster_id
    time.sleep(1)
    result["rss_idle"] = memory_snapshot(cluster.cluster_id)
    result["pss_idle"] = memory_snapshot(cluster.cluster_id, pss_bytes)

    try:
        e0 = rc[0]
        dv = rc[:]
        lv = rc.load_balanced_view()

        def direct():
            for _ in range(counts["warmup"]):
                e0.apply_sync(noop)
            lat = []
            for i in range(counts["round_trips"]):
                t = time.perf_counter()
                e0.apply_sync(noop)
                lat.append(time.perf_counter() - t)
            lat.sort()
            metrics["direct_p50_ms"] = percentile(lat, 50) * 1e3
            metrics["direct_p99_ms"] = percentile(lat, 99) * 1e3
            progress(f"direct round trip p50={metrics['direct_p50_ms']:.3f} ms p99={metrics['direct_p99_ms']:.3f} ms")

        def lb_tasks():
            count = counts["lb_tasks"]
            t = time.perf_counter()
            ars = []
            last = t
            for i in range(count):
                ars.append(lv.apply_async(noop))
                if time.perf_counter() - last > 3:
                    progress(f"lb apply_async: {i + 1}/{count} submitted")
                    last = time.perf_counter()
            for i, ar in enumerate(ars):
                ar.get()
                if time.perf_counter() - last > 3:
                    progress(f"lb apply_async: {i + 1}/{count} done")
                    last = time.perf_counter()
            metrics["lb_tasks_per_s"] = count / (time.perf_counter() - t)
            progress(f"lb apply_async x{count}: {metrics['lb_tasks_per_s']:.0f} tasks/s")

        def lb_map(key, items, chunksize):
            def fn():
                xs = range(items)
                t = time.perf_counter()
                ar = lv.map_async(mul, xs, xs, chunksize=chunksize)
                while not ar.ready():
                    ar.wait(3)
                    if not ar.ready():
                        progress(f"lb map chunksize={chunksize}: {ar.progress}/{len(ar.msg_ids)} chunks done")
                r = ar.get()
                metrics[key] = items / (time.perf_counter() - t)
                assert r[-1] == (items - 1) * (items - 1)
                progress(f"lb map {items} chunksize={chunksize}: {metrics[key]:.0f} items/s")
            return fn

        def push_pull():
            mb = counts["push_mb"]
            a = np.random.rand(mb * 1024 * 1024 // 8)
            t = time.perf_counter()
            e0.push(dict(a=a), block=True)
            metrics["push_mb_per_s"] = mb / (time.perf_counter() - t)
            t = time.perf_counter()
            b = e0.pull('a', block=True)
            metrics["pull_mb_per_s"] = mb / (time.perf_counter() - t)
            assert len(b) == len(a)
            progress(f"push {mb} MB: {metrics['push_mb_per_s']:.0f} MB/s, pull: {metrics['pull_mb_per_s']:.0f} MB/s")
            e0.execute("del a", block=True)

        def execute_all():
            for _ in range(counts["execute_warmup"]):
                dv.execute('x = 1', block=True)
            times = []
            for _ in range(counts["execute_reps"]):
                t = time.perf_counter()
                dv.execute('x = 1', block=True)
                times.append(time.perf_counter() - t)
            metrics["execute_all_ms"] = statistics.median(times) * 1e3
            progress(f"execute on all: {metrics['execute_all_ms']:.2f} ms (median of {len(times)})")

        def apply_all():
            reps = max(1, counts["round_trips"] // 5)
            for key, view in (("apply_all_direct_ms", dv), ("apply_all_broadcast_ms", rc.broadcast_view())):
                for _ in range(counts["warmup"]):
                    view.apply_sync(noop)
                times = []
                for _ in range(reps):
                    t = time.perf_counter()
                    view.apply_sync(noop)
                    times.append(time.perf_counter() - t)
                metrics[key] = statistics.median(times) * 1e3
                progress(f"apply on all ({key}): {metrics[key]:.2f} ms (median of {reps})")

        progress(f"direct round trip: {counts['warmup']} warm-up + {counts['round_trips']} ...")
        run("direct_p50_ms", direct)
        progress(f"load-balanced apply_async x{counts['lb_tasks']} ...")
        with PeakSampler(cluster.cluster_id) as sampler:
            run("lb_tasks_per_s", lb_tasks)
            progress(f"load-balanced map {counts['map1_items']} items chunksize 1 ...")
            run("map1_items_per_s", lb_map("map1_items_per_s", counts["map1_items"], 1))
        result["rss_load"] = sampler.peak
        result["pss_load"] = sampler.peak_pss
        progress(f"load-balanced map {counts['map_chunked_items']} items chunksize {counts['chunksize']} ...")
        run("map_chunked_items_per_s",
            lb_map("map_chunked_items_per_s", counts["map_chunked_items"], counts["chunksize"]))
        progress(f"push/pull {counts['push_mb']} MB ...")
        run("push_mb_per_s", push_pull)
        progress("execute on all ...")
        run("execute_all_ms", execute_all)
        progress("apply on all, direct and broadcast ...")
        run("apply_all_direct_ms", apply_all)
    finally:
        progress("stopping the cluster ...")
        watchdog.arm("stop")
        try:
            rc.close()
            cluster.stop_cluster_sync()
            result["stopped"] = True
            # stop_cluster_sync signals the processes; report any that are still there 5 s later
            deadline = time.monotonic() + 5
            while cluster_processes(cluster.cluster_id) and time.monotonic() < deadline:
                time.sleep(0.2)
            result["alive_after_stop"] = sorted(cluster_processes(cluster.cluster_id).values())
            if result["alive_after_stop"]:
                progress(f"still running 5 s after stop_cluster_sync: {result['alive_after_stop']}")
        except Exception as ex:
            result["stopped"] = False
            errors["stop"] = f"{type(ex).__name__}: {ex}"
        watchdog.disarm()
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()

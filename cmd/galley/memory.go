package main

import (
	"math"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"time"
)

// defaultMemoryLimit is the heap size past which a build collects
// garbage harder. A build of 100,000 stories keeps a few hundred MB live,
// and without a limit the heap may grow to twice that before the
// collector runs.
const defaultMemoryLimit = 768 << 20

// bigHeapGCPercent is the collector's pacing once a build's live heap
// outgrows the limit: the heap grows to one and a half times what is
// live, rather than twice, between collections.
const bigHeapGCPercent = 50

// limitMemory sets defaultMemoryLimit, unless GOMEMLIMIT or GOGC say
// otherwise, until the live heap passes it; stop ends the watch.
//
// Below the limit, the limit holds the heap down at the cost of more
// collections: 100,000 stories keep a one-edit build under 1 GiB. A
// limit below what a build keeps live holds nothing back and makes the
// collector run back to back: on 1,000,000 stories (4 GB live) it took
// 36 % of the CPU. So once the live heap passes the limit,
// bigHeapGCPercent paces the collector instead, under a limit of three
// quarters of the machine's memory (or of the container's): the heap
// stays within 1.5 times what is live where the machine has room, and
// the collector works harder only where it has not.
func limitMemory() (stop func()) {
	if os.Getenv("GOMEMLIMIT") != "" || os.Getenv("GOGC") != "" {
		return func() {}
	}
	debug.SetMemoryLimit(defaultMemoryLimit)
	done := make(chan struct{})
	go watchHeap(done, defaultMemoryLimit, bigHeapLimit(machineMemory()))
	return func() { close(done) }
}

// bigHeapLimit is the memory limit once the heap is big: three quarters
// of total, the memory the process may use, or none if that is unknown.
func bigHeapLimit(total uint64) int64 {
	if total == 0 || total/4*3 > math.MaxInt64 {
		return math.MaxInt64
	}
	return int64(max(total/4*3, defaultMemoryLimit))
}

// watchHeap sets bigHeapGCPercent and the memory limit to limit once
// the live heap passes threshold bytes, checking ten times a second
// until done is closed.
func watchHeap(done <-chan struct{}, threshold uint64, limit int64) {
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-done:
			return
		case <-tick.C:
		}
		metrics.Read(live)
		if live[0].Value.Kind() == metrics.KindUint64 && live[0].Value.Uint64() > threshold {
			debug.SetGCPercent(bigHeapGCPercent)
			debug.SetMemoryLimit(limit)
			return
		}
	}
}

// machineMemory returns the memory this process may use, in bytes: the
// machine's, or its container's (cgroup v2 or v1) if less; 0 if
// unknown.
func machineMemory() uint64 {
	var total uint64
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		total = memTotal(string(data))
	}
	for _, name := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
		if data, err := os.ReadFile(name); err == nil {
			if n, err := strconv.ParseUint(strings.TrimSpace(string(data)), 10, 64); err == nil && n > 0 && (total == 0 || n < total) {
				total = n // "max", the unlimited, does not parse
			}
		}
	}
	return total
}

// memTotal returns MemTotal of /proc/meminfo's text, in bytes; 0 if
// it has none.
func memTotal(meminfo string) uint64 {
	for line := range strings.Lines(meminfo) {
		f := strings.Fields(line)
		if len(f) == 3 && f[0] == "MemTotal:" && f[2] == "kB" {
			if n, err := strconv.ParseUint(f[1], 10, 64); err == nil && n < math.MaxUint64/1024 {
				return n * 1024
			}
		}
	}
	return 0
}

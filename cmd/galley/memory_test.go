package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestWatchHeap checks that the memory limit gives way to the
// collector's pacing once the live heap passes the threshold, and only
// then.
func TestWatchHeap(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(defaultMemoryLimit))
	live := make([]byte, 16<<20)
	runtime.GC()

	// Below the threshold: nothing changes until done.
	done, finished := make(chan struct{}), make(chan struct{})
	go func() { watchHeap(done, 1<<40, 8<<30); close(finished) }()
	time.Sleep(300 * time.Millisecond)
	close(done)
	<-finished
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("under the threshold: GC percent %d, want 100", got)
	}
	if got := debug.SetMemoryLimit(-1); got != defaultMemoryLimit {
		t.Errorf("under the threshold: memory limit %d, want %d", got, defaultMemoryLimit)
	}

	// Past it: the limit goes, and the pacing is bigHeapGCPercent.
	finished = make(chan struct{})
	go func() { watchHeap(make(chan struct{}), 8<<20, 8<<30); close(finished) }()
	select {
	case <-finished:
	case <-time.After(10 * time.Second):
		t.Fatal("watchHeap did not see a live heap past its threshold")
	}
	runtime.KeepAlive(live)
	if got := debug.SetGCPercent(100); got != bigHeapGCPercent {
		t.Errorf("past the threshold: GC percent %d, want %d", got, bigHeapGCPercent)
	}
	if got := debug.SetMemoryLimit(-1); got != 8<<30 {
		t.Errorf("past the threshold: memory limit %d, want %d", got, 8<<30)
	}
}

func TestBigHeapLimit(t *testing.T) {
	for _, tt := range []struct {
		total uint64
		want  int64
	}{
		{0, math.MaxInt64},
		{24 << 30, 18 << 30},
		{512 << 20, defaultMemoryLimit},
		{math.MaxUint64, math.MaxInt64},
		{9223372036854771712, 6917529027641078784}, // cgroup v1's "no limit"
	} {
		if got := bigHeapLimit(tt.total); got != tt.want {
			t.Errorf("bigHeapLimit(%d) = %d, want %d", tt.total, got, tt.want)
		}
	}
}

func TestMemTotal(t *testing.T) {
	for _, tt := range []struct {
		text string
		want uint64
	}{
		{"MemTotal:       24683664 kB\nMemFree:        23000000 kB\n", 24683664 * 1024},
		{"MemFree:        23000000 kB\nMemTotal: 1024 kB", 1 << 20},
		{"MemTotal: 1024 MB\n", 0},
		{"MemTotal: lots kB\n", 0},
		{"MemTotal: 99999999999999999999 kB\n", 0},
		{"", 0},
	} {
		if got := memTotal(tt.text); got != tt.want {
			t.Errorf("memTotal(%q) = %d, want %d", tt.text, got, tt.want)
		}
	}
}

// TestMachineMemory checks that a Linux machine's memory is known, and
// no more than /proc/meminfo says.
func TestMachineMemory(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc/meminfo")
	}
	data, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		t.Skip(err)
	}
	if got, most := machineMemory(), memTotal(string(data)); got == 0 || got > most {
		t.Errorf("machineMemory() = %d, want 1 to %d", got, most)
	}
}

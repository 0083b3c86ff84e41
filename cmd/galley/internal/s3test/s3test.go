// Package s3test runs a real S3-compatible server on loopback for the
// tests of galley deploy: SeaweedFS, built from the Go module proxy once
// and cached in the user's cache folder. It also reads what the server
// holds with an independent client, Debian's awscli, so that a test does
// not check Galley's uploads with Galley's own S3 code.
package s3test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Module is the SeaweedFS release the tests run, as the module proxy
// names it.
const Module = "github.com/seaweedfs/seaweedfs@v0.0.0-20261109003541-7506e5f91cd6"

// Credentials the server accepts: with no identities configured,
// SeaweedFS takes any.
const (
	AccessKey = "galley"
	SecretKey = "galley-secret"
	Region    = "us-east-1"
)

// A Server is a running SeaweedFS with its S3 gateway.
type Server struct {
	// Endpoint is the S3 gateway's URL, http://127.0.0.1:PORT.
	Endpoint string
	cmd      *exec.Cmd
	exited   chan error
	log      string
}

// Start starts a server keeping its data in dir, building SeaweedFS
// first if the cache has none. It returns when the gateway creates
// buckets.
func Start(ctx context.Context, dir string) (*Server, error) {
	weed, err := Binary(ctx)
	if err != nil {
		return nil, err
	}
	var last error
	for range 5 {
		base, err := freePorts()
		if err != nil {
			return nil, err
		}
		s, err := start(ctx, weed, dir, base)
		if err == nil {
			return s, nil
		}
		last = err
	}
	return nil, last
}

// start runs weed with its four ports from base.
func start(ctx context.Context, weed, dir string, base int) (*Server, error) {
	data := filepath.Join(dir, "data-"+strconv.Itoa(base))
	if err := os.MkdirAll(data, 0o755); err != nil {
		return nil, err
	}
	s := &Server{
		Endpoint: fmt.Sprintf("http://127.0.0.1:%d", base+3),
		exited:   make(chan error, 1),
		log:      filepath.Join(dir, "weed-"+strconv.Itoa(base)+".log"),
	}
	logFile, err := os.Create(s.log)
	if err != nil {
		return nil, err
	}
	defer logFile.Close()
	s.cmd = exec.Command(weed, "server", "-ip=127.0.0.1", "-ip.bind=127.0.0.1", "-dir="+data,
		"-master.port="+strconv.Itoa(base), "-master.volumeSizeLimitMB=256",
		// Each bucket takes volumes of its own: as many as the disk holds.
		"-volume.port="+strconv.Itoa(base+1), "-volume.max=0",
		"-filer", "-filer.port="+strconv.Itoa(base+2),
		"-s3", "-s3.port="+strconv.Itoa(base+3))
	s.cmd.Stdout, s.cmd.Stderr = logFile, logFile
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := s.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", weed, err)
	}
	go func() { s.exited <- s.cmd.Wait() }()
	if err := s.waitReady(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("seaweedfs on port %d: %w\n%s", base+3, err, s.LogTail())
	}
	return s, nil
}

// waitReady waits up to a minute for the gateway to store an object:
// it answers before its filer's locks are ready, and then makes writes
// wait seconds.
func (s *Server) waitReady(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	for {
		err := s.CreateBucket(ctx, "galley-ready")
		if err == nil {
			err = s.putReady(ctx, "galley-ready", 2*time.Second)
		}
		if err == nil {
			return nil
		}
		select {
		case err := <-s.exited:
			return fmt.Errorf("exited: %v", err)
		case <-ctx.Done():
			return fmt.Errorf("not ready after a minute: %w", err)
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// CreateBucket creates the bucket name (signed requests are not needed:
// the server checks no signature without identities).
func (s *Server) CreateBucket(ctx context.Context, name string) error {
	code, err := s.put(ctx, name, nil)
	if err == nil && code != http.StatusOK && code != http.StatusConflict {
		err = fmt.Errorf("create bucket %s: status %d", name, code)
	}
	return err
}

// putReady stores an object of a few bytes in bucket, failing when that
// takes more than limit.
func (s *Server) putReady(ctx context.Context, bucket string, limit time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	code, err := s.put(ctx, bucket+"/ready", strings.NewReader("ready"))
	if err == nil && code != http.StatusOK {
		err = fmt.Errorf("put %s/ready: status %d", bucket, code)
	}
	return err
}

// put sends an unsigned PUT of body to the server's path and returns
// the response's status code.
func (s *Server) put(ctx context.Context, path string, body io.Reader) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, s.Endpoint+"/"+path, body)
	if err != nil {
		return 0, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// URL returns the gocloud.dev URL of bucket on the server.
func (s *Server) URL(bucket string) string {
	return "s3://" + bucket + "?endpoint=" + s.Endpoint + "&region=" + Region + "&use_path_style=true"
}

// Env returns the environment variables that give an AWS client the
// server's credentials, and nothing of the user's AWS configuration.
func (s *Server) Env(home string) []string {
	return []string{
		"AWS_ACCESS_KEY_ID=" + AccessKey, "AWS_SECRET_ACCESS_KEY=" + SecretKey, "AWS_REGION=" + Region,
		"AWS_DEFAULT_REGION=" + Region, "AWS_CONFIG_FILE=" + filepath.Join(home, "aws-config"),
		"AWS_SHARED_CREDENTIALS_FILE=" + filepath.Join(home, "aws-credentials"), "AWS_EC2_METADATA_DISABLED=true",
		"AWS_PAGER=",
	}
}

// Close stops the server.
func (s *Server) Close() error {
	if s.cmd.Process == nil {
		return nil
	}
	syscall.Kill(-s.cmd.Process.Pid, syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(5 * time.Second):
		syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
		<-s.exited
	}
	return nil
}

// LogTail returns the end of the server's log, for a failed test.
func (s *Server) LogTail() string {
	data, _ := os.ReadFile(s.log)
	if len(data) > 4000 {
		data = data[len(data)-4000:]
	}
	return string(data)
}

// freePorts returns a port p below 45,000 such that p..p+3 and, for
// gRPC, p+10000..p+10003 are free.
func freePorts() (int, error) {
	for range 50 {
		p := 20000 + rand.IntN(24000)
		if free(p, p+1, p+2, p+3, p+10000, p+10001, p+10002, p+10003) {
			return p, nil
		}
	}
	return 0, errors.New("no free ports for seaweedfs")
}

func free(ports ...int) bool {
	for _, p := range ports {
		l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(p))
		if err != nil {
			return false
		}
		l.Close()
	}
	return true
}

// Binary returns the path of the cached weed binary, building it from
// the module proxy first if need be (about five minutes on two cores).
// Test packages running at once share one build.
func Binary(ctx context.Context) (string, error) {
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(cache, "galley", "seaweedfs", Module[strings.LastIndex(Module, "@")+1:])
	weed := filepath.Join(dir, "weed")
	if _, err := os.Stat(weed); err == nil {
		return weed, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	unlock, err := lock(filepath.Join(dir, "lock"))
	if err != nil {
		return "", err
	}
	defer unlock()
	if _, err := os.Stat(weed); err == nil {
		return weed, nil // built while we waited
	}
	src, err := moduleDir(ctx)
	if err != nil {
		return "", err
	}
	tmp := weed + ".tmp"
	cmd := exec.CommandContext(ctx, "go", "build", "-o", tmp, ".")
	cmd.Dir = filepath.Join(src, "weed")
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("build seaweedfs in %s: %w\n%s", cmd.Dir, err, tail(out))
	}
	return weed, os.Rename(tmp, weed)
}

// moduleDir downloads Module and returns its folder.
func moduleDir(ctx context.Context) (string, error) {
	cmd := exec.CommandContext(ctx, "go", "mod", "download", "-json", Module)
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go mod download %s: %w\n%s%s", Module, err, out, stderr.Bytes())
	}
	var m struct{ Dir, Error string }
	if err := json.Unmarshal(out, &m); err != nil || m.Dir == "" {
		return "", fmt.Errorf("go mod download %s: %s %v", Module, m.Error, err)
	}
	return m.Dir, nil
}

// lock takes an exclusive lock of the file name, waiting for it.
func lock(name string) (unlock func(), err error) {
	f, err := os.OpenFile(name, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", name, err)
	}
	return func() { f.Close() }, nil
}

func tail(b []byte) []byte {
	if len(b) > 4000 {
		return b[len(b)-4000:]
	}
	return b
}

// AWS runs Debian's awscli against the server and returns its standard
// output: aws --endpoint-url ENDPOINT --output json ARGS. Without
// awscli the test is skipped, or fails when GALLEY_REQUIRE_TOOLS is set.
func (s *Server) AWS(tb testing.TB, args ...string) []byte {
	tb.Helper()
	out, err := s.aws(tb, args...)
	if err != nil {
		tb.Fatalf("aws %s: %v", strings.Join(args, " "), err)
	}
	return out
}

// AWSErr is AWS for a command that may fail: it returns the error
// with awscli's message.
func (s *Server) AWSErr(tb testing.TB, args ...string) ([]byte, error) {
	tb.Helper()
	return s.aws(tb, args...)
}

func (s *Server) aws(tb testing.TB, args ...string) ([]byte, error) {
	const cli = "/usr/bin/aws" // Debian's; not one of PyPI's on PATH
	if _, err := os.Stat(cli); err != nil {
		if os.Getenv("GALLEY_REQUIRE_TOOLS") != "" {
			tb.Fatal("awscli is not installed")
		}
		tb.Skip("awscli is not installed; make test installs it")
	}
	home := tb.TempDir()
	cmd := exec.Command(cli, append([]string{"--endpoint-url", s.Endpoint, "--output", "json"}, args...)...)
	cmd.Env = append(append(os.Environ(), "HOME="+home), s.Env(home)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return out, fmt.Errorf("%w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

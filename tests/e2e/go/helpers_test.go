// Package e2e drives `kcp start` with the real client-go (typed clientset,
// dynamic client and shared informers). The kubeconfig comes from the
// KCP_KUBECONFIG environment variable; tests/e2e/test_client_go.py sets it.
package e2e

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"sync"
	"testing"
	"time"

	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
)

// testNamespace exists in every logical cluster, like upstream's "default".
const testNamespace = "default"

func restConfig(t *testing.T) *rest.Config {
	t.Helper()
	path := os.Getenv("KCP_KUBECONFIG")
	if path == "" {
		t.Fatal("KCP_KUBECONFIG is not set: point it at the kubeconfig `kcp start` serves")
	}
	cfg, err := clientcmd.BuildConfigFromFlags("", path)
	if err != nil {
		t.Fatalf("loading kubeconfig %s: %v", path, err)
	}
	cfg.Timeout = 30 * time.Second
	cfg.UserAgent = "kcp-py-e2e-client-go"
	// The default client-side rate limit (5 QPS) would only slow the suite down.
	cfg.QPS, cfg.Burst = 1000, 1000
	return cfg
}

func clientset(t *testing.T) *kubernetes.Clientset {
	t.Helper()
	cs, err := kubernetes.NewForConfig(restConfig(t))
	if err != nil {
		t.Fatalf("building clientset: %v", err)
	}
	return cs
}

// recordedRequest is what recordingClientset saw go over the wire.
type recordedRequest struct {
	method, path, contentType string
}

type recordingTransport struct {
	next http.RoundTripper
	mu   sync.Mutex
	seen []recordedRequest
}

func (r *recordingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r.mu.Lock()
	r.seen = append(r.seen, recordedRequest{req.Method, req.URL.Path, req.Header.Get("Content-Type")})
	r.mu.Unlock()
	return r.next.RoundTrip(req)
}

func (r *recordingTransport) requests() []recordedRequest {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]recordedRequest(nil), r.seen...)
}

// recordingClientset is a clientset whose requests' Content-Type is recorded,
// to prove the typed client really sent protobuf bodies.
func recordingClientset(t *testing.T) (*kubernetes.Clientset, *recordingTransport) {
	t.Helper()
	cfg := restConfig(t)
	rec := &recordingTransport{}
	cfg.WrapTransport = func(rt http.RoundTripper) http.RoundTripper {
		rec.next = rt
		return rec
	}
	cs, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		t.Fatalf("building clientset: %v", err)
	}
	return cs, rec
}

func dynamicClient(t *testing.T) *dynamic.DynamicClient {
	t.Helper()
	dc, err := dynamic.NewForConfig(restConfig(t))
	if err != nil {
		t.Fatalf("building dynamic client: %v", err)
	}
	return dc
}

func testContext(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// uniqueName keeps reruns against the same server from colliding.
func uniqueName(prefix string) string {
	return fmt.Sprintf("%s-%06x", prefix, rand.IntN(1<<24))
}

// eventually polls cond every 100ms until it holds or timeout passes.
func eventually(t *testing.T, timeout time.Duration, what string, cond func() (bool, error)) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	var lastErr error
	for time.Now().Before(deadline) {
		ok, err := cond()
		if ok {
			return
		}
		lastErr = err
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("timed out after %s waiting for %s (last error: %v)", timeout, what, lastErr)
}

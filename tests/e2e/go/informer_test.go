package e2e

import (
	"context"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/tools/cache"
)

type informerEvent struct {
	kind string // add, update, delete
	name string
	data string
}

// TestConfigMapInformer runs a SharedInformerFactory informer (list with
// resourceVersion=0, then a bookmark-enabled watch) and checks that it syncs
// and sees add, update and delete within a few seconds.
func TestConfigMapInformer(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cs := clientset(t)
	label := uniqueName("inf")

	// One object exists before the informer starts: it must arrive via the list.
	pre := uniqueName("inf-pre")
	cms := cs.CoreV1().ConfigMaps(testNamespace)
	if _, err := cms.Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{
		Name: pre, Labels: map[string]string{"informer": label},
	}}, metav1.CreateOptions{}); err != nil {
		t.Fatalf("create: %v", err)
	}
	t.Cleanup(func() { _ = cms.Delete(context.Background(), pre, metav1.DeleteOptions{}) })

	factory := informers.NewSharedInformerFactoryWithOptions(cs, 0,
		informers.WithNamespace(testNamespace),
		informers.WithTweakListOptions(func(o *metav1.ListOptions) { o.LabelSelector = "informer=" + label }))
	informer := factory.Core().V1().ConfigMaps()
	events := make(chan informerEvent, 100)
	if _, err := informer.Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc: func(obj any) {
			cm := obj.(*corev1.ConfigMap)
			events <- informerEvent{"add", cm.Name, cm.Data["k"]}
		},
		UpdateFunc: func(_, obj any) {
			cm := obj.(*corev1.ConfigMap)
			events <- informerEvent{"update", cm.Name, cm.Data["k"]}
		},
		DeleteFunc: func(obj any) {
			if tomb, ok := obj.(cache.DeletedFinalStateUnknown); ok {
				obj = tomb.Obj
			}
			cm := obj.(*corev1.ConfigMap)
			events <- informerEvent{"delete", cm.Name, cm.Data["k"]}
		},
	}); err != nil {
		t.Fatalf("add handler: %v", err)
	}
	stop := make(chan struct{})
	defer func() { close(stop); factory.Shutdown() }()
	factory.Start(stop)

	syncCtx, syncCancel := context.WithTimeout(ctx, 10*time.Second)
	defer syncCancel()
	for typ, ok := range factory.WaitForCacheSync(syncCtx.Done()) {
		if !ok {
			t.Fatalf("informer for %v did not sync within 10s", typ)
		}
	}
	if _, err := informer.Lister().ConfigMaps(testNamespace).Get(pre); err != nil {
		t.Fatalf("lister after sync: %v", err)
	}
	expect(t, events, informerEvent{"add", pre, ""})

	name := uniqueName("inf-live")
	if _, err := cms.Create(ctx, &corev1.ConfigMap{
		ObjectMeta: metav1.ObjectMeta{Name: name, Labels: map[string]string{"informer": label}},
		Data:       map[string]string{"k": "1"},
	}, metav1.CreateOptions{}); err != nil {
		t.Fatalf("create: %v", err)
	}
	expect(t, events, informerEvent{"add", name, "1"})

	cm, err := cms.Get(ctx, name, metav1.GetOptions{})
	if err != nil {
		t.Fatalf("get: %v", err)
	}
	cm.Data["k"] = "2"
	if _, err := cms.Update(ctx, cm, metav1.UpdateOptions{}); err != nil {
		t.Fatalf("update: %v", err)
	}
	expect(t, events, informerEvent{"update", name, "2"})

	if err := cms.Delete(ctx, name, metav1.DeleteOptions{}); err != nil {
		t.Fatalf("delete: %v", err)
	}
	expect(t, events, informerEvent{"delete", name, "2"})

	// An object outside the selector must never reach the handlers.
	outside := uniqueName("inf-outside")
	if _, err := cms.Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: outside}}, metav1.CreateOptions{}); err != nil {
		t.Fatalf("create: %v", err)
	}
	t.Cleanup(func() { _ = cms.Delete(context.Background(), outside, metav1.DeleteOptions{}) })
	select {
	case ev := <-events:
		t.Fatalf("unexpected informer event %+v", ev)
	case <-time.After(500 * time.Millisecond):
	}
}

func expect(t *testing.T, events <-chan informerEvent, want informerEvent) {
	t.Helper()
	select {
	case got := <-events:
		if got != want {
			t.Fatalf("informer event %+v, want %+v", got, want)
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("no informer event within 5s, want %+v", want)
	}
}

"""The garbage collector: delete objects whose owners are gone, by ownerReferences.

Mirrors kube-controller-manager's pkg/controller/garbagecollector for every logical
cluster at once. Steps:

1. discover the deletable resources of the root cluster (aggregated discovery of
   `/api` and `/apis`, preferred version per group) and start one wildcard informer
   per resource (`/clusters/*/<api path>/<resource>`); the built-in types are the
   same in every logical cluster;
2. index every object by (cluster, uid) and its dependents by (cluster, owner uid)
   (`graph.Graph`); every change enqueues the object, its dependents and its owners;
3. wait for each informer's first list (informers start one at a time; one that
   has not listed within a bound is waited for no longer), then reconcile per object:
   - an object being deleted with the `orphan` finalizer: remove the ownerReferences
     naming it from its dependents, then remove `orphan`;
   - an object being deleted with the `foregroundDeletion` finalizer: once no
     dependent with `blockOwnerDeletion: true` is left, remove `foregroundDeletion`
     (its dependents were enqueued when it changed, and are deleted in step 4);
   - any other object being deleted: nothing to do;
4. as a dependent, classify each ownerReference (same cluster, by uid; a namespaced
   owner is looked up in the dependent's namespace, as upstream does): absent
   (dangling; absence is confirmed with a live GET, since one informer may lag
   another), waiting (owner deleted in the foreground) or solid. With a solid owner,
   remove the dangling and waiting references (JSON patch that tests the
   resourceVersion); without one, delete the object (Foreground if it waits on a
   foreground owner and has dependents itself, else by its own finalizers,
   Background by default), with a UID precondition;
5. errors requeue with per-key exponential back-off; nothing is requeued on success.
"""

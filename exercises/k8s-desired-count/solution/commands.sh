docker build -t containerlings/hello-svc:1 .
# kind and minikube keep their own images: load it there (Docker Desktop's cluster shares the engine's).
case "$(kubectl config current-context)" in
  kind-*) kind load docker-image containerlings/hello-svc:1 --name "$(kubectl config current-context | sed 's/^kind-//')" ;;
  minikube) minikube image load containerlings/hello-svc:1 ;;
esac
kubectl apply -f k8s/namespace.yaml
kubectl apply -f k8s/
kubectl -n cl-k8s rollout status deployment/cl-hello --timeout=90s

docker build -t containerlings/lean-ignore .

# Wrote the task definition, but never built the image it names.
cat taskdef.json

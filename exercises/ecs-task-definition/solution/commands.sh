# Nothing to type: the task definition is a file. The check validates it like RegisterTaskDefinition would.
cat taskdef.json

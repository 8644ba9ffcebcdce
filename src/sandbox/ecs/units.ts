// ECS's units for cpu and memory, turned into Docker's (billionths of a CPU, bytes).
const MiB = 1024 * 1024;

/** ECS CPU units (1024 = one vCPU, as a string or "0.25 vCPU") to Docker's billionths of a CPU. */
export function nanoCpus(cpu: string | number | undefined): number {
  if (cpu === undefined) return 0;
  const text = String(cpu).trim().toLowerCase();
  const units = text.endsWith('vcpu') ? parseFloat(text) * 1024 : Number(text);
  return Math.round((units / 1024) * 1e9);
}

/** ECS memory (MiB, as a string or "1 GB") to bytes. */
export function memoryBytes(memory: string | number | undefined): number {
  if (memory === undefined) return 0;
  const text = String(memory).trim().toLowerCase();
  return Math.round((text.endsWith('gb') ? parseFloat(text) * 1024 : Number(text)) * MiB);
}

// Debian's awscli package and the botocore service models it ships: the tests that hold our AWS stand-ins to them.

/** Where Debian's awscli (2.9) keeps its Python package, examples and botocore data. */
export const AWSCLI = '/usr/lib/python3/dist-packages/awscli';

/** A shape of a botocore service model (service-2.json), as far as the tests read it. */
export interface Shape {
  type: string;
  members?: Record<string, { shape: string }>;
  required?: string[];
  member?: { shape: string };
  value?: { shape: string };
  enum?: string[];
  pattern?: string;
  min?: number;
  max?: number;
}

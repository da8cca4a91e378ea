import type { AlertStatus, ResourceCategory, Severity } from '../gql/graphql';

const severityLabels: Record<Severity, string> = {
  HIGH: 'High',
  MEDIUM: 'Medium',
  LOW: 'Low',
  INFORMATIONAL: 'Informational',
};
const statusLabels: Record<AlertStatus, string> = {
  ACTIVE: 'Active',
  IN_PROGRESS: 'In progress',
  RESOLVED: 'Resolved',
  DISMISSED: 'Dismissed',
};

/** severityLabel: "High", "Medium" … */
export const severityLabel = (s: Severity) => severityLabels[s] ?? s;
/** statusLabel: "Active", "In progress" … (alerts and incidents share the values). */
export const statusLabel = (s: AlertStatus) => statusLabels[s] ?? s;

/** CATEGORIES of resources, in the order the overview lists them. */
export const CATEGORIES: readonly ResourceCategory[] = ['SERVERS', 'NATIVE_COMPUTE', 'DATA_SERVICES', 'SERVICE_LAYER', 'PARTNER', 'OTHER'];

const categoryLabels: Record<ResourceCategory, string> = {
  SERVERS: 'IaaS VMs and servers',
  NATIVE_COMPUTE: 'Native compute',
  DATA_SERVICES: 'Data services',
  SERVICE_LAYER: 'Service layer',
  PARTNER: 'Partner products',
  OTHER: 'Other',
};

/** categoryLabel: "IaaS VMs and servers", "Data services" … */
export const categoryLabel = (c: ResourceCategory) => categoryLabels[c] ?? c;

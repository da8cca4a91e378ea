import { Button, Menu, MenuDivider, MenuItem, MenuList, MenuPopover, MenuTrigger, Spinner } from '@fluentui/react-components';
import { useCallback, useEffect, useState, type ComponentType } from 'react';
import { useMutation } from 'urql';
import { useStatusPermission } from '../auth/roles';
import { graphql } from '../gql';
import type { AlertStatus } from '../gql/graphql';
import { STATUSES } from '../feed/filters';
import { statusLabel } from './labels';

const SetAlertStatus = graphql(`
  mutation SetAlertStatus($id: ID!, $status: AlertStatus!) {
    setAlertStatus(id: $id, status: $status) {
      id
      status
      updatedAt
      incidents {
        id
        status
        isActive
      }
    }
  }
`);

const SetIncidentStatus = graphql(`
  mutation SetIncidentStatus($id: ID!, $status: IncidentStatus!, $closeAlerts: Boolean!) {
    setIncidentStatus(id: $id, status: $status, closeAlerts: $closeAlerts) {
      id
      status
      isActive
      updatedAt
      ...IncidentMemberStatuses
    }
  }
`);

/** IncidentMemberStatuses: the member alerts' statuses, with the same arguments as the incident view, so both share the cache. */
export const IncidentMemberStatuses = graphql(`
  fragment IncidentMemberStatuses on Incident {
    alerts(first: 500, orderBy: [{ field: START_TIME, direction: ASC }]) {
      totalCount
      edges {
        node {
          id
          status
        }
      }
    }
  }
`);

/** StatusTarget is an alert or an incident whose status is to be set. */
export interface StatusTarget {
  kind: 'alert' | 'incident';
  id: string;
}

/** StatusOutcome: how many succeeded and what failed. */
export interface StatusOutcome {
  done: number;
  failed: { id: string; message: string }[];
}

/** useSetStatus sets the status of alerts and incidents, a few requests at a time. */
export function useSetStatus() {
  const [, setAlert] = useMutation(SetAlertStatus);
  const [, setIncident] = useMutation(SetIncidentStatus);
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (targets: readonly StatusTarget[], status: AlertStatus, closeAlerts = false): Promise<StatusOutcome> => {
      setBusy(true);
      const out: StatusOutcome = { done: 0, failed: [] };
      try {
        for (let i = 0; i < targets.length; i += 8) {
          const batch = targets.slice(i, i + 8);
          const results = await Promise.all(
            batch.map((t) => (t.kind === 'alert' ? setAlert({ id: t.id, status }) : setIncident({ id: t.id, status, closeAlerts }))),
          );
          results.forEach((r, k) => {
            if (r.error) out.failed.push({ id: batch[k]!.id, message: r.error.graphQLErrors[0]?.message ?? r.error.message });
            else out.done++;
          });
        }
      } finally {
        setBusy(false);
      }
      return out;
    },
    [setAlert, setIncident],
  );
  return { run, busy };
}

type DeniedButtonType = ComponentType<{ label: string; reason: string }>;
let deniedButton: DeniedButtonType | null = null;

/**
 * Denied is the disabled action with its tooltip. Fluent's Tooltip is loaded
 * only when a role needs it (the list page's size budget cannot carry it for
 * everyone); until then the button is disabled and describes itself.
 */
function Denied({ label, reason }: { label: string; reason: string }) {
  const [Loaded, setLoaded] = useState<DeniedButtonType | null>(() => deniedButton);
  useEffect(() => {
    if (Loaded) return;
    let live = true;
    void import('./DeniedButton').then((m) => {
      deniedButton = m.DeniedButton;
      if (live) setLoaded(() => m.DeniedButton);
    });
    return () => {
      live = false;
    };
  }, [Loaded]);
  if (Loaded) return <Loaded label={label} reason={reason} />;
  return (
    <Button disabledFocusable data-denied="role" aria-description={reason}>
      {label}
    </Button>
  );
}

interface StatusMenuProps {
  kind: 'alert' | 'incident';
  current?: AlertStatus;
  disabled?: boolean;
  busy?: boolean;
  label?: string;
  onSelect: (status: AlertStatus, closeAlerts: boolean) => void;
}

/**
 * StatusMenu is the "Change status" menu; for incidents it also offers closing
 * with the member alerts. A role that may not change statuses sees it
 * disabled, still focusable, with a tooltip that says why.
 */
export function StatusMenu({ kind, current, disabled, busy, label = 'Change status', onSelect }: StatusMenuProps) {
  const permission = useStatusPermission();
  if (permission.reason) return <Denied label={label} reason={permission.reason} />;
  if (!permission.allowed) return <Button disabled>{label}</Button>;
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <Button disabled={disabled || busy} icon={busy ? <Spinner size="extra-tiny" /> : undefined}>
          {label}
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {STATUSES.map((s) => (
            <MenuItem key={s} disabled={s === current} onClick={() => onSelect(s, false)}>
              {statusLabel(s)}
            </MenuItem>
          ))}
          {kind === 'incident' && (
            <>
              <MenuDivider />
              <MenuItem onClick={() => onSelect('RESOLVED', true)}>Resolve with its alerts</MenuItem>
              <MenuItem onClick={() => onSelect('DISMISSED', true)}>Dismiss with its alerts</MenuItem>
            </>
          )}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

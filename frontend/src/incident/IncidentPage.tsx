import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useMemo, useState } from "react";
import { useQuery } from "urql";
import { useLiveEvents } from "../app/live";
import { Pill, SeverityLabel, StatusBadge } from "../components/badges";
import { Banner } from "../components/Banner";
import { DetailPage, Fields, Section } from "../components/layout";
import {
  Empty,
  ErrorState,
  Loading,
  errorText,
  isNotFound,
} from "../components/states";
import { StatusMenu, useSetStatus } from "../components/status";
import { getFragmentData, graphql } from "../gql";
import { KillChain } from "../killchain/KillChain";
import { inKillChainOrder, tacticLabel } from "../killchain/tactics";
import { Link, navigate } from "../router/router";
import { collectEntities, graphElements, type GraphElements } from "./entities";
import { PlainLink, PlainTable, Td, Th, Tr } from "../components/PlainTable";
import {
  IncidentResources,
  LinkingEntities,
  RelatedIncidents,
  WhyTogether,
  useCorrelation,
} from "./Correlation";

// cytoscape is large: the graph loads on its own, after the page.
const EntityGraph = lazyPage(
  () => import("./EntityGraph"),
  "Loading the graph…",
);
/** Graphs up to this many nodes draw at once; larger ones on request (the layout takes a while). */
const AUTO_GRAPH_NODES = 150;
import { Time } from "../time/Time";
import { useTitle } from "../app/title";
import { lazyPage } from "../app/lazyPage";

const IncidentDetail = graphql(`
  fragment IncidentDetail on Incident {
    id
    title
    description
    severity
    status
    isActive
    firstActivityTime
    lastActivityTime
    tactics
    sourceIPs
    remediationSteps
    alertCount
    createdAt
    updatedAt
    mergedInto {
      id
      title
    }
    ...IncidentCorrelation
    resource {
      id
      name
      type
      resourceId
      subscriptionId
    }
    alerts(first: 500, orderBy: [{ field: START_TIME, direction: ASC }]) {
      totalCount
      edges {
        node {
          id
          displayName
          severity
          status
          tactics
          startTime
          endTime
          remediationSteps
          entities {
            id
            kind
            key
            name
          }
        }
      }
    }
  }
`);

const IncidentPageQuery = graphql(`
  query IncidentPage($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Incident {
        ...IncidentDetail
      }
    }
  }
`);

const useStyles = makeStyles({
  banner: { marginBottom: "12px" },
  story: {
    margin: 0,
    whiteSpace: "pre-wrap",
    overflowWrap: "anywhere",
    lineHeight: tokens.lineHeightBase400,
  },
  steps: {
    margin: 0,
    paddingLeft: "20px",
    display: "flex",
    flexDirection: "column",
    gap: "4px",
    whiteSpace: "pre-wrap",
    overflowWrap: "anywhere",
  },
  ips: { display: "flex", gap: "6px", flexWrap: "wrap" },
  mono: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: "anywhere",
  },
  nowrap: { whiteSpace: "nowrap" },
  subTitle: {
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    margin: "16px 0 8px",
  },
});

/** IncidentPage is "Security incident detected": the incident, its kill chain and its alerts. */
export default function IncidentPage({
  id,
  dark = false,
}: {
  id: string;
  dark?: boolean;
}) {
  const styles = useStyles();
  const [result, reexecute] = useQuery({
    query: IncidentPageQuery,
    variables: { id },
    requestPolicy: "cache-and-network",
  });
  const { updated, resync } = useLiveEvents();
  const [seenSeq, setSeenSeq] = useState(updated?.seq ?? 0);
  const [resynced, setResynced] = useState(resync);
  const status = useSetStatus();
  const [error, setError] = useState<string | null>(null);

  // incidentUpdated already refreshed the incident's own fields in the
  // cache; its alert list is read again when this incident changed.
  useEffect(() => {
    if (updated && updated.seq !== seenSeq) {
      setSeenSeq(updated.seq);
      if (updated.id === id) reexecute({ requestPolicy: "network-only" });
    }
  }, [updated, seenSeq, id, reexecute]);
  // A subscription that missed events was opened again: this incident may have changed meanwhile.
  useEffect(() => {
    if (resync === resynced) return;
    setResynced(resync);
    reexecute({ requestPolicy: "network-only" });
  }, [resync, resynced, reexecute]);

  const node = result.data?.node;
  const incident =
    node && node.__typename === "Incident"
      ? getFragmentData(IncidentDetail, node)
      : null;
  const edges = incident?.alerts.edges;
  const members = useMemo(
    () => (edges ?? []).flatMap((e) => (e?.node ? [e.node] : [])),
    [edges],
  );
  const entities = useMemo(() => collectEntities(members), [members]);
  const why = useCorrelation(incident);
  const ties = why.data?.correlation.entities;
  const graph = useMemo(
    () => graphElements(members, entities, ties),
    [members, entities, ties],
  );
  const [showGraph, setShowGraph] = useState(false);
  const alertName = useMemo(
    () => new Map(members.map((a) => [a.id, a.displayName])),
    [members],
  );
  useTitle(incident ? `${incident.title}` : "Security incident");

  if (!result.data && result.error && !isNotFound(result.error)) {
    return (
      <DetailPage kicker="Security incident" title="Security incident detected">
        <ErrorState
          error={result.error}
          title="Could not load the incident"
          onRetry={() => reexecute({ requestPolicy: "network-only" })}
        />
      </DetailPage>
    );
  }
  if (!result.data && !result.error) {
    return (
      <DetailPage kicker="Security incident" title="Security incident detected">
        <Loading label="Loading the incident…" />
      </DetailPage>
    );
  }
  if (!incident) {
    return (
      <DetailPage kicker="Security incident" title="Security incident detected">
        <Empty title="No such incident">
          There is no incident with the id {id}.{" "}
          <Link to="/alerts">Back to the security alerts</Link>
        </Empty>
      </DetailPage>
    );
  }

  const alerts = members;
  const drawGraph =
    graph.edges.length > 0 &&
    (showGraph || graph.nodes.length <= AUTO_GRAPH_NODES);
  // The incident's own steps, else those of its alerts; each step once.
  const remediation = [
    ...new Set(
      incident.remediationSteps.length
        ? incident.remediationSteps
        : alerts.flatMap((a) => a.remediationSteps),
    ),
  ];

  return (
    <DetailPage
      kicker={incident.title}
      title="Security incident detected"
      actions={
        <StatusMenu
          kind="incident"
          current={incident.status}
          busy={status.busy}
          onSelect={async (s, closeAlerts) => {
            const r = await status.run(
              [{ kind: "incident", id: incident.id }],
              s,
              closeAlerts,
            );
            setError(r.failed[0]?.message ?? null);
          }}
        />
      }
    >
      {error && (
        <Banner intent="error" role="alert" className={styles.banner}>
          Could not change the status: {error}
        </Banner>
      )}
      {result.error && (
        <Banner intent="warning" className={styles.banner}>
          Showing saved data: {errorText(result.error)}
        </Banner>
      )}
      {incident.mergedInto && (
        <Banner intent="info" className={styles.banner}>
          This incident was merged into{" "}
          <Link to={`/incidents/${encodeURIComponent(incident.mergedInto.id)}`}>
            {incident.mergedInto.title}
          </Link>
          .
        </Banner>
      )}
      <Section title="General information" id="general">
        <Fields
          items={[
            [
              why.data?.multiResource ? "Primary resource" : "Target resource",
              <PlainLink
                to={`/resources/${encodeURIComponent(incident.resource.id)}`}
              >
                <span data-field="resource-name">{incident.resource.name}</span>
              </PlainLink>,
            ],
            ...(why.data?.multiResource
              ? [
                  [
                    "Resources",
                    `${why.data.resourceCount} resources, listed below`,
                  ] as const,
                ]
              : []),
            ["Resource type", incident.resource.type],
            [
              "Resource id",
              <span className={styles.mono}>
                {incident.resource.resourceId}
              </span>,
            ],
            ["Subscription", incident.resource.subscriptionId],
            [
              "Source IPs",
              incident.sourceIPs.length ? (
                <span className={styles.ips} data-field="source-ips">
                  {incident.sourceIPs.map((ip) => (
                    <Pill key={ip} tone="outline" className={styles.mono}>
                      {ip}
                    </Pill>
                  ))}
                </span>
              ) : (
                "None seen"
              ),
            ],
            [
              "Still active",
              <span data-field="active">
                {incident.isActive ? (
                  <Pill tone="danger">Active</Pill>
                ) : (
                  <Pill tone="subtle">No longer active</Pill>
                )}
              </span>,
            ],
            ["Severity", <SeverityLabel severity={incident.severity} />],
            ["Status", <StatusBadge status={incident.status} />],
            [
              "First activity",
              <Time value={incident.firstActivityTime} relative />,
            ],
            [
              "Last activity",
              <Time value={incident.lastActivityTime} relative />,
            ],
            ["Alerts", String(incident.alertCount)],
            [
              "Tactics",
              inKillChainOrder(incident.tactics).map(tacticLabel).join(", ") ||
                "—",
            ],
          ]}
        />
      </Section>
      {why.data?.multiResource && (
        <IncidentResources
          resources={why.data.resources}
          total={why.data.resourceCount}
        />
      )}
      {why.data && why.data.correlation.entityCount > 0 && (
        <LinkingEntities
          entities={why.data.correlation.entities}
          total={why.data.correlation.entityCount}
        />
      )}
      {why.data && (
        <RelatedIncidents
          covers={why.data.covers}
          coveredBy={why.data.coveredBy}
          follows={why.data.follows}
          followedBy={why.data.followedBy}
        />
      )}
      <Section title="Attack story" id="story">
        <p className={styles.story}>
          {incident.description || "No description."}
        </p>
      </Section>
      <Section title="Kill chain" id="killchain">
        <KillChain
          observed={incident.tactics}
          label="Kill chain of this incident"
        />
      </Section>
      {why.data && (
        <WhyTogether
          rule={why.data.correlation.rule}
          ruleVersion={why.data.correlation.ruleVersion}
          progression={why.data.correlation.progression}
          links={why.links}
          total={why.data.correlation.links.totalCount}
          hasMore={why.hasNextPage}
          loadingMore={why.loading}
          moreError={why.error}
          onMore={() => void why.loadMore()}
        />
      )}
      <Section
        title={`Alerts in this incident (${incident.alerts.totalCount})`}
        id="alerts"
      >
        {alerts.length ? (
          <PlainTable aria-label="Alerts in this incident, by time">
            <thead>
              <tr>
                <Th>Start time</Th>
                <Th>Alert</Th>
                <Th>Severity</Th>
                <Th>Tactics</Th>
                <Th>Status</Th>
              </tr>
            </thead>
            <tbody>
              {alerts.map((a) => (
                <Tr key={a.id} data-alert-id={a.id}>
                  <Td className={styles.nowrap}>
                    <Time value={a.startTime} />
                  </Td>
                  <Td>
                    <PlainLink to={`/alerts/${encodeURIComponent(a.id)}`}>
                      {a.displayName}
                    </PlainLink>
                  </Td>
                  <Td>
                    <SeverityLabel severity={a.severity} />
                  </Td>
                  <Td>
                    {inKillChainOrder(a.tactics).map(tacticLabel).join(", ") ||
                      "—"}
                  </Td>
                  <Td>
                    <StatusBadge status={a.status} />
                  </Td>
                </Tr>
              ))}
            </tbody>
          </PlainTable>
        ) : (
          <Empty title="No alerts" />
        )}
        {incident.alerts.totalCount > alerts.length && (
          <p>
            Showing the first {alerts.length} of {incident.alerts.totalCount}{" "}
            alerts.
          </p>
        )}
      </Section>
      <Section title={`Entities involved (${entities.length})`} id="entities">
        {entities.length ? (
          <Table
            size="small"
            aria-label="Entities involved, the most shared first"
          >
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Kind</TableHeaderCell>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell>Identifier</TableHeaderCell>
                <TableHeaderCell>Named by</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {entities.map((e) => (
                <TableRow key={e.id} data-entity={e.kind}>
                  <TableCell>{e.kind}</TableCell>
                  <TableCell className={styles.mono}>{e.name}</TableCell>
                  <TableCell className={styles.mono}>{e.key ?? "—"}</TableCell>
                  <TableCell
                    title={e.alertIds
                      .map((a) => alertName.get(a) ?? a)
                      .join("\n")}
                  >
                    {e.alertIds.length === 1
                      ? (alertName.get(e.alertIds[0]!) ?? "1 alert")
                      : `${e.alertIds.length} alerts`}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : (
          <p>The alerts name no entities.</p>
        )}
        {graph.edges.length > 0 && (
          <>
            <h3 className={styles.subTitle}>Alerts and entities</h3>
            {drawGraph ? (
              <EntityGraph
                elements={graph}
                dark={dark}
                label={graphLabel(graph)}
                onOpenAlert={(aid) =>
                  navigate(`/alerts/${encodeURIComponent(aid)}`)
                }
                onOpenResource={(rid) =>
                  navigate(`/resources/${encodeURIComponent(rid)}`)
                }
              />
            ) : (
              <Button onClick={() => setShowGraph(true)}>
                Draw the graph ({graph.nodes.length} nodes)
              </Button>
            )}
          </>
        )}
      </Section>
      <Section title="Remediation steps" id="remediation">
        {remediation.length ? (
          <ol className={styles.steps}>
            {remediation.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ol>
        ) : (
          <p>No remediation steps were given.</p>
        )}
      </Section>
      <Section title="Record" id="record">
        <Fields
          items={[
            ["Incident id", <span className={styles.mono}>{incident.id}</span>],
            ["Created", <Time value={incident.createdAt} />],
            ["Updated", <Time value={incident.updatedAt} relative />],
          ]}
        />
      </Section>
    </DetailPage>
  );
}

/** graphLabel tells in words what the graph draws (the tables on the page list the same). */
export function graphLabel(g: GraphElements): string {
  const n = (t: GraphElements["nodes"][number]["type"]) =>
    g.nodes.filter((x) => x.type === t).length;
  const resources = n("resource");
  const base = `Graph of ${n("alert")} alerts and the ${n("entity")} entities they name`;
  return resources
    ? `${base}, and the ${resources} resources the linking entities tie; the tables above list the same`
    : `${base}; the table above lists the same`;
}

const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/EntityGraph-CVXa-luk.js","assets/index-DViOulix.js","assets/index-C4ecpnyG.css"])))=>i.map(i=>d[i]);
import{B as e,C as t,D as n,F as r,I as i,L as a,M as o,N as s,O as c,P as l,Qt as u,R as d,S as f,Xt as p,Y as m,Zt as h,a as g,c as _,d as v,f as y,g as b,h as ee,in as x,k as S,l as te,m as ne,o as C,s as w,tn as T,u as E,w as D,xt as O,z as re}from"./index-DViOulix.js";import{a as ie,c as ae,i as k,l as A,n as j,o as oe,r as M,s as se,t as N}from"./layout-BxFryU65.js";import{t as ce}from"./KillChain-CyjAJQEm.js";var P=x(T(),1);function le(e){let t=new Map;for(let n of e)for(let e of n.entities??[]){let r=t.get(e.id);r||(r={id:e.id,kind:e.kind,key:e.key,name:e.name,alertIds:[]},t.set(e.id,r)),r.alertIds.includes(n.id)||r.alertIds.push(n.id)}return[...t.values()].sort((e,t)=>t.alertIds.length-e.alertIds.length||e.kind.localeCompare(t.kind)||e.name.localeCompare(t.name)||e.id.localeCompare(t.id))}function ue(e,t,n=[]){let r=[],i=[],a=new Set(t.flatMap(e=>e.alertIds));for(let t of e)a.has(t.id)&&r.push({id:`a:${t.id}`,label:t.displayName,type:`alert`,kind:t.severity,ref:t.id});let o=new Map;for(let e of t){r.push({id:`e:${e.id}`,label:`${e.kind}: ${e.name}`,type:`entity`,kind:e.kind,ref:e.id}),e.key&&!o.has(e.key)&&o.set(e.key,`e:${e.id}`);for(let t of e.alertIds)i.push({id:`a:${t}->e:${e.id}`,source:`a:${t}`,target:`e:${e.id}`,type:`names`})}let s=new Set;for(let e of n){let t=o.get(e.value);t||(t=`t:${e.value}`,o.set(e.value,t),r.push({id:t,label:`${e.kind}: ${e.value.startsWith(`${e.kind}:`)?e.value.slice(e.kind.length+1):e.value}`,type:`entity`,kind:e.kind,ref:e.value}));for(let n of e.resources)s.has(n.id)||(s.add(n.id),r.push({id:`r:${n.id}`,label:n.name,type:`resource`,kind:`resource`,ref:n.id})),i.push({id:`${t}->r:${n.id}`,source:t,target:`r:${n.id}`,type:`ties`})}return{nodes:r,edges:i}}var F=x(h(),1),I=p({table:{width:`100%`,borderCollapse:`collapse`,fontSize:O.fontSizeBase300},th:{textAlign:`left`,fontWeight:O.fontWeightRegular,color:O.colorNeutralForeground1,padding:`6px 8px`,borderBottom:`1px solid ${O.colorNeutralStroke2}`,height:`32px`},td:{padding:`4px 8px`,borderBottom:`1px solid ${O.colorNeutralStroke2}`,height:`32px`,verticalAlign:`middle`},row:{":hover":{backgroundColor:O.colorSubtleBackgroundHover}},link:{color:O.colorBrandForegroundLink,textDecorationLine:`none`,":hover":{textDecorationLine:`underline`,color:O.colorBrandForegroundLinkHover},":focus-visible":{outline:`2px solid ${O.colorStrokeFocus2}`,borderRadius:O.borderRadiusSmall}}});function L({className:e,...t}){let n=I();return(0,F.jsx)(`table`,{className:u(n.table,e),...t})}function R({className:e,...t}){let n=I();return(0,F.jsx)(`th`,{scope:`col`,className:u(n.th,e),...t})}function z({className:e,...t}){let n=I();return(0,F.jsx)(`td`,{className:u(n.td,e),...t})}function B({className:e,...t}){let n=I();return(0,F.jsx)(`tr`,{className:u(n.row,e),...t})}function V({to:e,children:t,className:n,label:r}){let i=I();return(0,F.jsx)(`a`,{href:e,"aria-label":r,className:u(i.link,n),onClick:t=>{v(t)&&(t.preventDefault(),y(e))},children:t})}function H(e,t){let n=new Map(e.map(e=>[e.tactic,e.alertCount])),r=new Map;for(let e of t){let t=f.find(t=>e.tactics.includes(t))??null,n=r.get(t);n?n.push(e):r.set(t,[e])}let i=[];for(let e of f){let t=r.get(e);t&&i.push({tactic:e,label:D(e),alertCount:n.get(e)??null,links:t})}let a=r.get(null);return a&&i.push({tactic:null,label:`No known tactic`,alertCount:null,links:a}),i}function U(e,t){let n=new Set(e.map(e=>e.id));return[...e,...t.filter(e=>!n.has(e.id))]}function W(e,t){return t.startsWith(`${e}:`)?t.slice(e.length+1):t}function G(e,t,n=`${t}s`){return`${e.toLocaleString(`en-US`)} ${e===1?t:n}`}var K=c(`
  fragment CorrelationLink on IncidentLink {
    id
    reason
    tactics
    explanation
    alert {
      id
      displayName
    }
  }
`),q=c(`
  fragment IncidentCorrelation on Incident {
    id
    multiResource
    resourceCount
    resources {
      id
      name
      type
    }
    covers {
      id
      title
      status
    }
    coveredBy {
      id
      title
      status
    }
    follows {
      id
      title
      status
    }
    followedBy {
      id
      title
      status
    }
    correlation {
      rule
      ruleVersion
      progression {
        tactic
        alertCount
      }
      entityCount
      entities(first: 20) {
        kind
        value
        resourceCount
        resources(first: 20) {
          id
          name
        }
      }
      links(first: 50) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ...CorrelationLink
          }
        }
      }
    }
  }
`),J=c(`
  query IncidentMoreLinks($id: ID!, $after: Cursor) {
    node(id: $id) {
      __typename
      id
      ... on Incident {
        correlation {
          links(first: 50, after: $after) {
            totalCount
            pageInfo {
              hasNextPage
              endCursor
            }
            edges {
              node {
                ...CorrelationLink
              }
            }
          }
        }
      }
    }
  }
`),Y=p({list:{margin:0,paddingLeft:`20px`,display:`flex`,flexDirection:`column`,gap:`4px`,overflowWrap:`anywhere`},plain:{margin:0,padding:0,listStyleType:`none`,display:`flex`,flexDirection:`column`,gap:`6px`,overflowWrap:`anywhere`},item:{display:`flex`,gap:`8px`,alignItems:`center`,flexWrap:`wrap`},mono:{fontFamily:O.fontFamilyMonospace,fontSize:O.fontSizeBase200,overflowWrap:`anywhere`},subTitle:{fontSize:O.fontSizeBase300,fontWeight:O.fontWeightSemibold,margin:`12px 0 6px`},muted:{color:O.colorNeutralForeground3},more:{marginTop:`8px`,display:`flex`,gap:`12px`,alignItems:`center`,flexWrap:`wrap`},ties:{display:`flex`,gap:`4px 12px`,flexWrap:`wrap`}}),X=e=>`/resources/${encodeURIComponent(e)}`,de=e=>`/incidents/${encodeURIComponent(e)}`;function fe({resources:e,total:t}){let n=Y();return(0,F.jsx)(M,{title:`Resources (${t})`,id:`resources`,children:(0,F.jsx)(`ul`,{className:n.plain,"aria-label":`Resources of this incident`,children:e.map(e=>(0,F.jsxs)(`li`,{className:n.item,"data-resource":e.id,children:[(0,F.jsx)(V,{to:X(e.id),children:e.name}),e.type&&(0,F.jsx)(`span`,{className:n.muted,children:e.type})]},e.id))})})}function pe({entities:e,total:t}){let n=Y();return(0,F.jsxs)(M,{title:`Linking entities (${t})`,id:`linking`,children:[(0,F.jsx)(`p`,{className:n.muted,children:`The values these resources' alerts share, and that put them into one incident.`}),(0,F.jsxs)(L,{"aria-label":`Entities that tie the resources of this incident`,children:[(0,F.jsx)(`thead`,{children:(0,F.jsxs)(`tr`,{children:[(0,F.jsx)(R,{children:`Kind`}),(0,F.jsx)(R,{children:`Value`}),(0,F.jsx)(R,{children:`Ties`})]})}),(0,F.jsx)(`tbody`,{children:e.map(e=>(0,F.jsxs)(B,{"data-linking-entity":e.value,children:[(0,F.jsx)(z,{children:e.kind}),(0,F.jsx)(z,{className:n.mono,children:W(e.kind,e.value)}),(0,F.jsx)(z,{children:(0,F.jsxs)(`span`,{className:n.ties,children:[e.resources.map(e=>(0,F.jsx)(V,{to:X(e.id),children:e.name},e.id)),e.resourceCount>e.resources.length&&(0,F.jsxs)(`span`,{className:n.muted,children:[`and `,G(e.resourceCount-e.resources.length,`more resource`)]})]})})]},e.value))})]}),t>e.length&&(0,F.jsxs)(`p`,{children:[`Showing the first `,e.length,` of `,t,` linking entities.`]})]})}function Z({title:e,label:t,incidents:n}){let r=Y();return n.length?(0,F.jsxs)(F.Fragment,{children:[(0,F.jsx)(`h3`,{className:r.subTitle,children:e}),(0,F.jsx)(`ul`,{className:r.plain,"aria-label":t,children:n.map(e=>(0,F.jsxs)(`li`,{className:r.item,"data-related-incident":e.id,children:[(0,F.jsx)(V,{to:de(e.id),children:e.title}),(0,F.jsx)(_,{status:e.status})]},e.id))})]}):null}function me(e){let{covers:t,coveredBy:n,follows:r,followedBy:i}=e;return!t.length&&!n.length&&!r&&!i.length?null:(0,F.jsxs)(M,{title:`Related incidents`,id:`related`,children:[(0,F.jsx)(Z,{title:`Covers ${G(t.length,`per-resource incident`)}`,label:`Per-resource incidents this incident covers`,incidents:t}),(0,F.jsx)(Z,{title:`Covered by`,label:`Multi-resource incidents that cover this incident`,incidents:n}),(0,F.jsx)(Z,{title:`Follows`,label:`The incident this one follows`,incidents:r?[r]:[]}),(0,F.jsx)(Z,{title:`Followed by`,label:`Incidents that follow this one`,incidents:i})]})}function he(t){let n=Y(),r=(0,P.useMemo)(()=>H(t.progression,t.links),[t.progression,t.links]);return(0,F.jsxs)(M,{title:`Why these alerts are together`,id:`why`,children:[(0,F.jsx)(`p`,{"data-field":`rule`,children:t.rule?(0,F.jsxs)(F.Fragment,{children:[`Correlated by the rule `,(0,F.jsx)(`strong`,{children:t.rule}),`, version `,t.ruleVersion,`.`]}):`No correlation rule linked these alerts.`}),r.map(e=>(0,F.jsxs)(`section`,{"aria-labelledby":`why-${e.tactic??`none`}`,"data-step":e.tactic??`none`,children:[(0,F.jsxs)(`h3`,{className:n.subTitle,id:`why-${e.tactic??`none`}`,children:[e.label,e.alertCount!==null&&(0,F.jsxs)(`span`,{className:n.muted,children:[` · `,G(e.alertCount,`alert`)]})]}),(0,F.jsx)(`ul`,{className:n.list,children:e.links.map(e=>(0,F.jsxs)(`li`,{"data-link":e.id,children:[(0,F.jsx)(`span`,{"data-field":`explanation`,children:e.explanation}),` `,(0,F.jsx)(V,{to:`/alerts/${encodeURIComponent(e.alert.id)}`,label:`Open the alert ${e.alert.displayName}`,children:`Open the alert`})]},e.id))})]},e.tactic??`none`)),(0,F.jsxs)(`div`,{className:n.more,children:[(0,F.jsxs)(`span`,{role:`status`,children:[`Showing `,t.links.length.toLocaleString(`en-US`),` of `,G(t.total,`reason`),`.`]}),t.hasMore&&(0,F.jsx)(m,{onClick:t.onMore,disabled:t.loadingMore,children:t.loadingMore?`Loading…`:`Show more reasons`})]}),t.moreError&&(0,F.jsxs)(e,{intent:`error`,role:`alert`,children:[`Could not load more reasons: `,t.moreError]})]})}function ge(e){let t=o(),n=e?S(q,e):null,r=n?.correlation.links,i=(0,P.useMemo)(()=>(r?.edges??[]).map(e=>S(K,e.node)),[r]),[a,s]=(0,P.useState)(null),[c,l]=(0,P.useState)(!1),[u,d]=(0,P.useState)(null);(0,P.useEffect)(()=>s(null),[r]);let f=(0,P.useMemo)(()=>a?U(i,a.links):i,[i,a]),p=a?a.hasNextPage:r?.pageInfo.hasNextPage??!1,m=a?a.endCursor:r?.pageInfo.endCursor??null;return{data:n,links:f,hasNextPage:p,loading:c,error:u,loadMore:async()=>{if(!n||!m)return;l(!0),d(null);let e=await t.query(J,{id:n.id,after:m},{requestPolicy:`network-only`}).toPromise();l(!1);let r=e.data?.node,i=r&&r.__typename===`Incident`?r.correlation.links:null;if(!i){d(e.error?.message??`the incident is gone`);return}let a=i.edges.map(e=>S(K,e.node));s(e=>({links:U(e?.links??[],a),hasNextPage:i.pageInfo.hasNextPage,endCursor:i.pageInfo.endCursor??null}))}}}var _e=l(()=>b(()=>import(`./EntityGraph-CVXa-luk.js`),__vite__mapDeps([0,1,2])),`Loading the graph…`),ve=150,ye=c(`
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
`),be=c(`
  query IncidentPage($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Incident {
        ...IncidentDetail
      }
    }
  }
`),xe=p({banner:{marginBottom:`12px`},story:{margin:0,whiteSpace:`pre-wrap`,overflowWrap:`anywhere`,lineHeight:O.lineHeightBase400},steps:{margin:0,paddingLeft:`20px`,display:`flex`,flexDirection:`column`,gap:`4px`,whiteSpace:`pre-wrap`,overflowWrap:`anywhere`},ips:{display:`flex`,gap:`6px`,flexWrap:`wrap`},mono:{fontFamily:O.fontFamilyMonospace,fontSize:O.fontSizeBase200,overflowWrap:`anywhere`},nowrap:{whiteSpace:`nowrap`},subTitle:{fontSize:O.fontSizeBase300,fontWeight:O.fontWeightSemibold,margin:`16px 0 8px`}});function Q({id:o,dark:c=!1}){let l=xe(),[u,f]=s({query:be,variables:{id:o},requestPolicy:`cache-and-network`}),{updated:p,resync:h}=n(),[v,b]=(0,P.useState)(p?.seq??0),[x,T]=(0,P.useState)(h),O=ee(),[I,H]=(0,P.useState)(null);(0,P.useEffect)(()=>{p&&p.seq!==v&&(b(p.seq),p.id===o&&f({requestPolicy:`network-only`}))},[p,v,o,f]),(0,P.useEffect)(()=>{h!==x&&(T(h),f({requestPolicy:`network-only`}))},[h,x,f]);let U=u.data?.node,W=U&&U.__typename===`Incident`?S(ye,U):null,G=W?.alerts.edges,K=(0,P.useMemo)(()=>(G??[]).flatMap(e=>e?.node?[e.node]:[]),[G]),q=(0,P.useMemo)(()=>le(K),[K]),J=ge(W),Y=J.data?.correlation.entities,X=(0,P.useMemo)(()=>ue(K,q,Y),[K,q,Y]),[de,Z]=(0,P.useState)(!1),Q=(0,P.useMemo)(()=>new Map(K.map(e=>[e.id,e.displayName])),[K]);if(te(W?`${W.title}`:`Security incident`),!u.data&&u.error&&!re(u.error))return(0,F.jsx)(N,{kicker:`Security incident`,title:`Security incident detected`,children:(0,F.jsx)(i,{error:u.error,title:`Could not load the incident`,onRetry:()=>f({requestPolicy:`network-only`})})});if(!u.data&&!u.error)return(0,F.jsx)(N,{kicker:`Security incident`,title:`Security incident detected`,children:(0,F.jsx)(a,{label:`Loading the incident…`})});if(!W)return(0,F.jsx)(N,{kicker:`Security incident`,title:`Security incident detected`,children:(0,F.jsxs)(r,{title:`No such incident`,children:[`There is no incident with the id `,o,`.`,` `,(0,F.jsx)(E,{to:`/alerts`,children:`Back to the security alerts`})]})});let $=K,Ce=X.edges.length>0&&(de||X.nodes.length<=ve),we=[...new Set(W.remediationSteps.length?W.remediationSteps:$.flatMap(e=>e.remediationSteps))];return(0,F.jsxs)(N,{kicker:W.title,title:`Security incident detected`,actions:(0,F.jsx)(ne,{kind:`incident`,current:W.status,busy:O.busy,onSelect:async(e,t)=>{let n=await O.run([{kind:`incident`,id:W.id}],e,t);H(n.failed[0]?.message??null)}}),children:[I&&(0,F.jsxs)(e,{intent:`error`,role:`alert`,className:l.banner,children:[`Could not change the status: `,I]}),u.error&&(0,F.jsxs)(e,{intent:`warning`,className:l.banner,children:[`Showing saved data: `,d(u.error)]}),W.mergedInto&&(0,F.jsxs)(e,{intent:`info`,className:l.banner,children:[`This incident was merged into`,` `,(0,F.jsx)(E,{to:`/incidents/${encodeURIComponent(W.mergedInto.id)}`,children:W.mergedInto.title}),`.`]}),(0,F.jsx)(M,{title:`General information`,id:`general`,children:(0,F.jsx)(j,{items:[[J.data?.multiResource?`Primary resource`:`Target resource`,(0,F.jsx)(V,{to:`/resources/${encodeURIComponent(W.resource.id)}`,children:(0,F.jsx)(`span`,{"data-field":`resource-name`,children:W.resource.name})})],...J.data?.multiResource?[[`Resources`,`${J.data.resourceCount} resources, listed below`]]:[],[`Resource type`,W.resource.type],[`Resource id`,(0,F.jsx)(`span`,{className:l.mono,children:W.resource.resourceId})],[`Subscription`,W.resource.subscriptionId],[`Source IPs`,W.sourceIPs.length?(0,F.jsx)(`span`,{className:l.ips,"data-field":`source-ips`,children:W.sourceIPs.map(e=>(0,F.jsx)(C,{tone:`outline`,className:l.mono,children:e},e))}):`None seen`],[`Still active`,(0,F.jsx)(`span`,{"data-field":`active`,children:W.isActive?(0,F.jsx)(C,{tone:`danger`,children:`Active`}):(0,F.jsx)(C,{tone:`subtle`,children:`No longer active`})})],[`Severity`,(0,F.jsx)(w,{severity:W.severity})],[`Status`,(0,F.jsx)(_,{status:W.status})],[`First activity`,(0,F.jsx)(g,{value:W.firstActivityTime,relative:!0})],[`Last activity`,(0,F.jsx)(g,{value:W.lastActivityTime,relative:!0})],[`Alerts`,String(W.alertCount)],[`Tactics`,t(W.tactics).map(D).join(`, `)||`—`]]})}),J.data?.multiResource&&(0,F.jsx)(fe,{resources:J.data.resources,total:J.data.resourceCount}),J.data&&J.data.correlation.entityCount>0&&(0,F.jsx)(pe,{entities:J.data.correlation.entities,total:J.data.correlation.entityCount}),J.data&&(0,F.jsx)(me,{covers:J.data.covers,coveredBy:J.data.coveredBy,follows:J.data.follows,followedBy:J.data.followedBy}),(0,F.jsx)(M,{title:`Attack story`,id:`story`,children:(0,F.jsx)(`p`,{className:l.story,children:W.description||`No description.`})}),(0,F.jsx)(M,{title:`Kill chain`,id:`killchain`,children:(0,F.jsx)(ce,{observed:W.tactics,label:`Kill chain of this incident`})}),J.data&&(0,F.jsx)(he,{rule:J.data.correlation.rule,ruleVersion:J.data.correlation.ruleVersion,progression:J.data.correlation.progression,links:J.links,total:J.data.correlation.links.totalCount,hasMore:J.hasNextPage,loadingMore:J.loading,moreError:J.error,onMore:()=>void J.loadMore()}),(0,F.jsxs)(M,{title:`Alerts in this incident (${W.alerts.totalCount})`,id:`alerts`,children:[$.length?(0,F.jsxs)(L,{"aria-label":`Alerts in this incident, by time`,children:[(0,F.jsx)(`thead`,{children:(0,F.jsxs)(`tr`,{children:[(0,F.jsx)(R,{children:`Start time`}),(0,F.jsx)(R,{children:`Alert`}),(0,F.jsx)(R,{children:`Severity`}),(0,F.jsx)(R,{children:`Tactics`}),(0,F.jsx)(R,{children:`Status`})]})}),(0,F.jsx)(`tbody`,{children:$.map(e=>(0,F.jsxs)(B,{"data-alert-id":e.id,children:[(0,F.jsx)(z,{className:l.nowrap,children:(0,F.jsx)(g,{value:e.startTime})}),(0,F.jsx)(z,{children:(0,F.jsx)(V,{to:`/alerts/${encodeURIComponent(e.id)}`,children:e.displayName})}),(0,F.jsx)(z,{children:(0,F.jsx)(w,{severity:e.severity})}),(0,F.jsx)(z,{children:t(e.tactics).map(D).join(`, `)||`—`}),(0,F.jsx)(z,{children:(0,F.jsx)(_,{status:e.status})})]},e.id))})]}):(0,F.jsx)(r,{title:`No alerts`}),W.alerts.totalCount>$.length&&(0,F.jsxs)(`p`,{children:[`Showing the first `,$.length,` of `,W.alerts.totalCount,` `,`alerts.`]})]}),(0,F.jsxs)(M,{title:`Entities involved (${q.length})`,id:`entities`,children:[q.length?(0,F.jsxs)(oe,{size:`small`,"aria-label":`Entities involved, the most shared first`,children:[(0,F.jsx)(ie,{children:(0,F.jsxs)(ae,{children:[(0,F.jsx)(k,{children:`Kind`}),(0,F.jsx)(k,{children:`Name`}),(0,F.jsx)(k,{children:`Identifier`}),(0,F.jsx)(k,{children:`Named by`})]})}),(0,F.jsx)(se,{children:q.map(e=>(0,F.jsxs)(ae,{"data-entity":e.kind,children:[(0,F.jsx)(A,{children:e.kind}),(0,F.jsx)(A,{className:l.mono,children:e.name}),(0,F.jsx)(A,{className:l.mono,children:e.key??`—`}),(0,F.jsx)(A,{title:e.alertIds.map(e=>Q.get(e)??e).join(`
`),children:e.alertIds.length===1?Q.get(e.alertIds[0])??`1 alert`:`${e.alertIds.length} alerts`})]},e.id))})]}):(0,F.jsx)(`p`,{children:`The alerts name no entities.`}),X.edges.length>0&&(0,F.jsxs)(F.Fragment,{children:[(0,F.jsx)(`h3`,{className:l.subTitle,children:`Alerts and entities`}),Ce?(0,F.jsx)(_e,{elements:X,dark:c,label:Se(X),onOpenAlert:e=>y(`/alerts/${encodeURIComponent(e)}`),onOpenResource:e=>y(`/resources/${encodeURIComponent(e)}`)}):(0,F.jsxs)(m,{onClick:()=>Z(!0),children:[`Draw the graph (`,X.nodes.length,` nodes)`]})]})]}),(0,F.jsx)(M,{title:`Remediation steps`,id:`remediation`,children:we.length?(0,F.jsx)(`ol`,{className:l.steps,children:we.map(e=>(0,F.jsx)(`li`,{children:e},e))}):(0,F.jsx)(`p`,{children:`No remediation steps were given.`})}),(0,F.jsx)(M,{title:`Record`,id:`record`,children:(0,F.jsx)(j,{items:[[`Incident id`,(0,F.jsx)(`span`,{className:l.mono,children:W.id})],[`Created`,(0,F.jsx)(g,{value:W.createdAt})],[`Updated`,(0,F.jsx)(g,{value:W.updatedAt,relative:!0})]]})})]})}function Se(e){let t=t=>e.nodes.filter(e=>e.type===t).length,n=t(`resource`),r=`Graph of ${t(`alert`)} alerts and the ${t(`entity`)} entities they name`;return n?`${r}, and the ${n} resources the linking entities tie; the tables above list the same`:`${r}; the table above lists the same`}export{Q as default,Se as graphLabel};
const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/EntityGraph-BAAyYnzo.js","assets/index-B7rRiMla.js","assets/index-C4ecpnyG.css"])))=>i.map(i=>d[i]);
import{B as e,C as t,D as n,F as r,I as i,L as a,M as o,N as s,O as c,P as l,Qt as u,R as d,S as f,Xt as p,Y as m,Zt as h,a as g,c as _,d as ee,f as v,g as y,h as te,in as b,k as x,l as ne,m as re,o as S,s as C,tn as w,u as T,w as E,xt as D,z as ie}from"./index-B7rRiMla.js";import{a as ae,c as O,i as k,l as A,n as j,o as oe,r as M,s as se,t as N}from"./layout-Ca0sFVoM.js";import{t as ce}from"./KillChain-CxD1-uWO.js";var P=b(w(),1);function le(e){let t=new Map;for(let n of e)for(let e of n.entities??[]){let r=t.get(e.id);r||(r={id:e.id,kind:e.kind,key:e.key,name:e.name,alertIds:[]},t.set(e.id,r)),r.alertIds.includes(n.id)||r.alertIds.push(n.id)}return[...t.values()].sort((e,t)=>t.alertIds.length-e.alertIds.length||e.kind.localeCompare(t.kind)||e.name.localeCompare(t.name)||e.id.localeCompare(t.id))}function ue(e,t,n=[]){let r=[],i=[],a=new Set(t.flatMap(e=>e.alertIds));for(let t of e)a.has(t.id)&&r.push({id:`a:${t.id}`,label:t.displayName,type:`alert`,kind:t.severity,ref:t.id});let o=new Map;for(let e of t){r.push({id:`e:${e.id}`,label:`${e.kind}: ${e.name}`,type:`entity`,kind:e.kind,ref:e.id}),e.key&&!o.has(e.key)&&o.set(e.key,`e:${e.id}`);for(let t of e.alertIds)i.push({id:`a:${t}->e:${e.id}`,source:`a:${t}`,target:`e:${e.id}`,type:`names`})}let s=new Set;for(let e of n){let t=o.get(e.value);t||(t=`t:${e.value}`,o.set(e.value,t),r.push({id:t,label:`${e.kind}: ${e.value.startsWith(`${e.kind}:`)?e.value.slice(e.kind.length+1):e.value}`,type:`entity`,kind:e.kind,ref:e.value}));for(let n of e.resources)s.has(n.id)||(s.add(n.id),r.push({id:`r:${n.id}`,label:n.name,type:`resource`,kind:`resource`,ref:n.id})),i.push({id:`${t}->r:${n.id}`,source:t,target:`r:${n.id}`,type:`ties`})}return{nodes:r,edges:i}}var F=b(h(),1),I=p({table:{width:`100%`,borderCollapse:`collapse`,fontSize:D.fontSizeBase300},th:{textAlign:`left`,fontWeight:D.fontWeightRegular,color:D.colorNeutralForeground1,padding:`6px 8px`,borderBottom:`1px solid ${D.colorNeutralStroke2}`,height:`32px`},td:{padding:`4px 8px`,borderBottom:`1px solid ${D.colorNeutralStroke2}`,height:`32px`,verticalAlign:`middle`},row:{":hover":{backgroundColor:D.colorSubtleBackgroundHover}},link:{color:D.colorBrandForegroundLink,textDecorationLine:`none`,":hover":{textDecorationLine:`underline`,color:D.colorBrandForegroundLinkHover},":focus-visible":{outline:`2px solid ${D.colorStrokeFocus2}`,borderRadius:D.borderRadiusSmall}}});function L({className:e,...t}){let n=I();return(0,F.jsx)(`table`,{className:u(n.table,e),...t})}function R({className:e,...t}){let n=I();return(0,F.jsx)(`th`,{scope:`col`,className:u(n.th,e),...t})}function z({className:e,...t}){let n=I();return(0,F.jsx)(`td`,{className:u(n.td,e),...t})}function B({className:e,...t}){let n=I();return(0,F.jsx)(`tr`,{className:u(n.row,e),...t})}function V({to:e,children:t,className:n,label:r}){let i=I();return(0,F.jsx)(`a`,{href:e,"aria-label":r,className:u(i.link,n),onClick:t=>{ee(t)&&(t.preventDefault(),v(e))},children:t})}function H(e,t){let n=new Map(e.map(e=>[e.tactic,e.alertCount])),r=new Map;for(let e of t){let t=f.find(t=>e.tactics.includes(t))??null,n=r.get(t);n?n.push(e):r.set(t,[e])}let i=[];for(let e of f){let t=r.get(e);t&&i.push({tactic:e,label:E(e),alertCount:n.get(e)??null,links:t})}let a=r.get(null);return a&&i.push({tactic:null,label:`No known tactic`,alertCount:null,links:a}),i}function U(e,t){let n=new Set(e.map(e=>e.id));return[...e,...t.filter(e=>!n.has(e.id))]}function W(e,t){return t.startsWith(`${e}:`)?t.slice(e.length+1):t}function G(e,t,n=`${t}s`){return`${e.toLocaleString(`en-US`)} ${e===1?t:n}`}var K=c(`
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
`),Y=p({list:{margin:0,paddingLeft:`20px`,display:`flex`,flexDirection:`column`,gap:`4px`,overflowWrap:`anywhere`},plain:{margin:0,padding:0,listStyleType:`none`,display:`flex`,flexDirection:`column`,gap:`6px`,overflowWrap:`anywhere`},item:{display:`flex`,gap:`8px`,alignItems:`center`,flexWrap:`wrap`},mono:{fontFamily:D.fontFamilyMonospace,fontSize:D.fontSizeBase200,overflowWrap:`anywhere`},subTitle:{fontSize:D.fontSizeBase300,fontWeight:D.fontWeightSemibold,margin:`12px 0 6px`},muted:{color:D.colorNeutralForeground3},more:{marginTop:`8px`,display:`flex`,gap:`12px`,alignItems:`center`,flexWrap:`wrap`},ties:{display:`flex`,gap:`4px 12px`,flexWrap:`wrap`}}),X=e=>`/resources/${encodeURIComponent(e)}`,Z=e=>`/incidents/${encodeURIComponent(e)}`;function de({resources:e,total:t}){let n=Y();return(0,F.jsx)(M,{title:`Resources (${t})`,id:`resources`,children:(0,F.jsx)(`ul`,{className:n.plain,"aria-label":`Resources of this incident`,children:e.map(e=>(0,F.jsxs)(`li`,{className:n.item,"data-resource":e.id,children:[(0,F.jsx)(V,{to:X(e.id),children:e.name}),e.type&&(0,F.jsx)(`span`,{className:n.muted,children:e.type})]},e.id))})})}function fe({entities:e,total:t}){let n=Y();return(0,F.jsxs)(M,{title:`Linking entities (${t})`,id:`linking`,children:[(0,F.jsx)(`p`,{className:n.muted,children:`The values these resources' alerts share, and that put them into one incident.`}),(0,F.jsxs)(L,{"aria-label":`Entities that tie the resources of this incident`,children:[(0,F.jsx)(`thead`,{children:(0,F.jsxs)(`tr`,{children:[(0,F.jsx)(R,{children:`Kind`}),(0,F.jsx)(R,{children:`Value`}),(0,F.jsx)(R,{children:`Ties`})]})}),(0,F.jsx)(`tbody`,{children:e.map(e=>(0,F.jsxs)(B,{"data-linking-entity":e.value,children:[(0,F.jsx)(z,{children:e.kind}),(0,F.jsx)(z,{className:n.mono,children:W(e.kind,e.value)}),(0,F.jsx)(z,{children:(0,F.jsxs)(`span`,{className:n.ties,children:[e.resources.map(e=>(0,F.jsx)(V,{to:X(e.id),children:e.name},e.id)),e.resourceCount>e.resources.length&&(0,F.jsxs)(`span`,{className:n.muted,children:[`and `,G(e.resourceCount-e.resources.length,`more resource`)]})]})})]},e.value))})]}),t>e.length&&(0,F.jsxs)(`p`,{children:[`Showing the first `,e.length,` of `,t,` linking entities.`]})]})}function Q({title:e,label:t,incidents:n}){let r=Y();return n.length?(0,F.jsxs)(F.Fragment,{children:[(0,F.jsx)(`h3`,{className:r.subTitle,children:e}),(0,F.jsx)(`ul`,{className:r.plain,"aria-label":t,children:n.map(e=>(0,F.jsxs)(`li`,{className:r.item,"data-related-incident":e.id,children:[(0,F.jsx)(V,{to:Z(e.id),children:e.title}),(0,F.jsx)(_,{status:e.status})]},e.id))})]}):null}function pe(e){let{covers:t,coveredBy:n,follows:r,followedBy:i}=e;return!t.length&&!n.length&&!r&&!i.length?null:(0,F.jsxs)(M,{title:`Related incidents`,id:`related`,children:[(0,F.jsx)(Q,{title:`Covers ${G(t.length,`per-resource incident`)}`,label:`Per-resource incidents this incident covers`,incidents:t}),(0,F.jsx)(Q,{title:`Covered by`,label:`Multi-resource incidents that cover this incident`,incidents:n}),(0,F.jsx)(Q,{title:`Follows`,label:`The incident this one follows`,incidents:r?[r]:[]}),(0,F.jsx)(Q,{title:`Followed by`,label:`Incidents that follow this one`,incidents:i})]})}function me(t){let n=Y(),r=(0,P.useMemo)(()=>H(t.progression,t.links),[t.progression,t.links]);return(0,F.jsxs)(M,{title:`Why these alerts are together`,id:`why`,children:[(0,F.jsx)(`p`,{"data-field":`rule`,children:t.rule?(0,F.jsxs)(F.Fragment,{children:[`Correlated by the rule `,(0,F.jsx)(`strong`,{children:t.rule}),`, version `,t.ruleVersion,`.`]}):`No correlation rule linked these alerts.`}),r.map(e=>(0,F.jsxs)(`section`,{"aria-labelledby":`why-${e.tactic??`none`}`,"data-step":e.tactic??`none`,children:[(0,F.jsxs)(`h3`,{className:n.subTitle,id:`why-${e.tactic??`none`}`,children:[e.label,e.alertCount!==null&&(0,F.jsxs)(`span`,{className:n.muted,children:[` · `,G(e.alertCount,`alert`)]})]}),(0,F.jsx)(`ul`,{className:n.list,children:e.links.map(e=>(0,F.jsxs)(`li`,{"data-link":e.id,children:[(0,F.jsx)(`span`,{"data-field":`explanation`,children:e.explanation}),` `,(0,F.jsx)(V,{to:`/alerts/${encodeURIComponent(e.alert.id)}`,label:`Open the alert ${e.alert.displayName}`,children:`Open the alert`})]},e.id))})]},e.tactic??`none`)),(0,F.jsxs)(`div`,{className:n.more,children:[(0,F.jsxs)(`span`,{role:`status`,children:[`Showing `,t.links.length.toLocaleString(`en-US`),` of `,G(t.total,`reason`),`.`]}),t.hasMore&&(0,F.jsx)(m,{onClick:t.onMore,disabled:t.loadingMore,children:t.loadingMore?`Loading…`:`Show more reasons`})]}),t.moreError&&(0,F.jsxs)(e,{intent:`error`,role:`alert`,children:[`Could not load more reasons: `,t.moreError]})]})}function he(e){let t=o(),n=e?x(q,e):null,r=n?.correlation.links,i=(0,P.useMemo)(()=>(r?.edges??[]).map(e=>x(K,e.node)),[r]),[a,s]=(0,P.useState)(null),[c,l]=(0,P.useState)(!1),[u,d]=(0,P.useState)(null);(0,P.useEffect)(()=>s(null),[r]);let f=(0,P.useMemo)(()=>a?U(i,a.links):i,[i,a]),p=a?a.hasNextPage:r?.pageInfo.hasNextPage??!1,m=a?a.endCursor:r?.pageInfo.endCursor??null;return{data:n,links:f,hasNextPage:p,loading:c,error:u,loadMore:async()=>{if(!n||!m)return;l(!0),d(null);let e=await t.query(J,{id:n.id,after:m},{requestPolicy:`network-only`}).toPromise();l(!1);let r=e.data?.node,i=r&&r.__typename===`Incident`?r.correlation.links:null;if(!i){d(e.error?.message??`the incident is gone`);return}let a=i.edges.map(e=>x(K,e.node));s(e=>({links:U(e?.links??[],a),hasNextPage:i.pageInfo.hasNextPage,endCursor:i.pageInfo.endCursor??null}))}}}var ge=l(()=>y(()=>import(`./EntityGraph-BAAyYnzo.js`),__vite__mapDeps([0,1,2])),`Loading the graph…`),_e=150,ve=c(`
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
`),ye=c(`
  query IncidentPage($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Incident {
        ...IncidentDetail
      }
    }
  }
`),be=p({banner:{marginBottom:`12px`},story:{margin:0,whiteSpace:`pre-wrap`,overflowWrap:`anywhere`,lineHeight:D.lineHeightBase400},steps:{margin:0,paddingLeft:`20px`,display:`flex`,flexDirection:`column`,gap:`4px`,whiteSpace:`pre-wrap`,overflowWrap:`anywhere`},ips:{display:`flex`,gap:`6px`,flexWrap:`wrap`},mono:{fontFamily:D.fontFamilyMonospace,fontSize:D.fontSizeBase200,overflowWrap:`anywhere`},nowrap:{whiteSpace:`nowrap`},subTitle:{fontSize:D.fontSizeBase300,fontWeight:D.fontWeightSemibold,margin:`16px 0 8px`}});function $({id:o,dark:c=!1}){let l=be(),[u,f]=s({query:ye,variables:{id:o},requestPolicy:`cache-and-network`}),{updated:p}=n(),[h,ee]=(0,P.useState)(p?.seq??0),y=te(),[b,w]=(0,P.useState)(null);(0,P.useEffect)(()=>{p&&p.seq!==h&&(ee(p.seq),p.id===o&&f({requestPolicy:`network-only`}))},[p,h,o,f]);let D=u.data?.node,I=D&&D.__typename===`Incident`?x(ve,D):null,H=I?.alerts.edges,U=(0,P.useMemo)(()=>(H??[]).flatMap(e=>e?.node?[e.node]:[]),[H]),W=(0,P.useMemo)(()=>le(U),[U]),G=he(I),K=G.data?.correlation.entities,q=(0,P.useMemo)(()=>ue(U,W,K),[U,W,K]),[J,Y]=(0,P.useState)(!1),X=(0,P.useMemo)(()=>new Map(U.map(e=>[e.id,e.displayName])),[U]);if(ne(I?`${I.title}`:`Security incident`),!u.data&&u.error&&!ie(u.error))return(0,F.jsx)(N,{kicker:`Security incident`,title:`Security incident detected`,children:(0,F.jsx)(i,{error:u.error,title:`Could not load the incident`,onRetry:()=>f({requestPolicy:`network-only`})})});if(!u.data&&!u.error)return(0,F.jsx)(N,{kicker:`Security incident`,title:`Security incident detected`,children:(0,F.jsx)(a,{label:`Loading the incident…`})});if(!I)return(0,F.jsx)(N,{kicker:`Security incident`,title:`Security incident detected`,children:(0,F.jsxs)(r,{title:`No such incident`,children:[`There is no incident with the id `,o,`. `,(0,F.jsx)(T,{to:`/alerts`,children:`Back to the security alerts`})]})});let Z=U,Q=q.edges.length>0&&(J||q.nodes.length<=_e),$=[...new Set(I.remediationSteps.length?I.remediationSteps:Z.flatMap(e=>e.remediationSteps))];return(0,F.jsxs)(N,{kicker:I.title,title:`Security incident detected`,actions:(0,F.jsx)(re,{kind:`incident`,current:I.status,busy:y.busy,onSelect:async(e,t)=>{let n=await y.run([{kind:`incident`,id:I.id}],e,t);w(n.failed[0]?.message??null)}}),children:[b&&(0,F.jsxs)(e,{intent:`error`,role:`alert`,className:l.banner,children:[`Could not change the status: `,b]}),u.error&&(0,F.jsxs)(e,{intent:`warning`,className:l.banner,children:[`Showing saved data: `,d(u.error)]}),I.mergedInto&&(0,F.jsxs)(e,{intent:`info`,className:l.banner,children:[`This incident was merged into `,(0,F.jsx)(T,{to:`/incidents/${encodeURIComponent(I.mergedInto.id)}`,children:I.mergedInto.title}),`.`]}),(0,F.jsx)(M,{title:`General information`,id:`general`,children:(0,F.jsx)(j,{items:[[G.data?.multiResource?`Primary resource`:`Target resource`,(0,F.jsx)(V,{to:`/resources/${encodeURIComponent(I.resource.id)}`,children:(0,F.jsx)(`span`,{"data-field":`resource-name`,children:I.resource.name})})],...G.data?.multiResource?[[`Resources`,`${G.data.resourceCount} resources, listed below`]]:[],[`Resource type`,I.resource.type],[`Resource id`,(0,F.jsx)(`span`,{className:l.mono,children:I.resource.resourceId})],[`Subscription`,I.resource.subscriptionId],[`Source IPs`,I.sourceIPs.length?(0,F.jsx)(`span`,{className:l.ips,"data-field":`source-ips`,children:I.sourceIPs.map(e=>(0,F.jsx)(S,{tone:`outline`,className:l.mono,children:e},e))}):`None seen`],[`Still active`,(0,F.jsx)(`span`,{"data-field":`active`,children:I.isActive?(0,F.jsx)(S,{tone:`danger`,children:`Active`}):(0,F.jsx)(S,{tone:`subtle`,children:`No longer active`})})],[`Severity`,(0,F.jsx)(C,{severity:I.severity})],[`Status`,(0,F.jsx)(_,{status:I.status})],[`First activity`,(0,F.jsx)(g,{value:I.firstActivityTime,relative:!0})],[`Last activity`,(0,F.jsx)(g,{value:I.lastActivityTime,relative:!0})],[`Alerts`,String(I.alertCount)],[`Tactics`,t(I.tactics).map(E).join(`, `)||`—`]]})}),G.data?.multiResource&&(0,F.jsx)(de,{resources:G.data.resources,total:G.data.resourceCount}),G.data&&G.data.correlation.entityCount>0&&(0,F.jsx)(fe,{entities:G.data.correlation.entities,total:G.data.correlation.entityCount}),G.data&&(0,F.jsx)(pe,{covers:G.data.covers,coveredBy:G.data.coveredBy,follows:G.data.follows,followedBy:G.data.followedBy}),(0,F.jsx)(M,{title:`Attack story`,id:`story`,children:(0,F.jsx)(`p`,{className:l.story,children:I.description||`No description.`})}),(0,F.jsx)(M,{title:`Kill chain`,id:`killchain`,children:(0,F.jsx)(ce,{observed:I.tactics,label:`Kill chain of this incident`})}),G.data&&(0,F.jsx)(me,{rule:G.data.correlation.rule,ruleVersion:G.data.correlation.ruleVersion,progression:G.data.correlation.progression,links:G.links,total:G.data.correlation.links.totalCount,hasMore:G.hasNextPage,loadingMore:G.loading,moreError:G.error,onMore:()=>void G.loadMore()}),(0,F.jsxs)(M,{title:`Alerts in this incident (${I.alerts.totalCount})`,id:`alerts`,children:[Z.length?(0,F.jsxs)(L,{"aria-label":`Alerts in this incident, by time`,children:[(0,F.jsx)(`thead`,{children:(0,F.jsxs)(`tr`,{children:[(0,F.jsx)(R,{children:`Start time`}),(0,F.jsx)(R,{children:`Alert`}),(0,F.jsx)(R,{children:`Severity`}),(0,F.jsx)(R,{children:`Tactics`}),(0,F.jsx)(R,{children:`Status`})]})}),(0,F.jsx)(`tbody`,{children:Z.map(e=>(0,F.jsxs)(B,{"data-alert-id":e.id,children:[(0,F.jsx)(z,{className:l.nowrap,children:(0,F.jsx)(g,{value:e.startTime})}),(0,F.jsx)(z,{children:(0,F.jsx)(V,{to:`/alerts/${encodeURIComponent(e.id)}`,children:e.displayName})}),(0,F.jsx)(z,{children:(0,F.jsx)(C,{severity:e.severity})}),(0,F.jsx)(z,{children:t(e.tactics).map(E).join(`, `)||`—`}),(0,F.jsx)(z,{children:(0,F.jsx)(_,{status:e.status})})]},e.id))})]}):(0,F.jsx)(r,{title:`No alerts`}),I.alerts.totalCount>Z.length&&(0,F.jsxs)(`p`,{children:[`Showing the first `,Z.length,` of `,I.alerts.totalCount,` alerts.`]})]}),(0,F.jsxs)(M,{title:`Entities involved (${W.length})`,id:`entities`,children:[W.length?(0,F.jsxs)(oe,{size:`small`,"aria-label":`Entities involved, the most shared first`,children:[(0,F.jsx)(ae,{children:(0,F.jsxs)(O,{children:[(0,F.jsx)(k,{children:`Kind`}),(0,F.jsx)(k,{children:`Name`}),(0,F.jsx)(k,{children:`Identifier`}),(0,F.jsx)(k,{children:`Named by`})]})}),(0,F.jsx)(se,{children:W.map(e=>(0,F.jsxs)(O,{"data-entity":e.kind,children:[(0,F.jsx)(A,{children:e.kind}),(0,F.jsx)(A,{className:l.mono,children:e.name}),(0,F.jsx)(A,{className:l.mono,children:e.key??`—`}),(0,F.jsx)(A,{title:e.alertIds.map(e=>X.get(e)??e).join(`
`),children:e.alertIds.length===1?X.get(e.alertIds[0])??`1 alert`:`${e.alertIds.length} alerts`})]},e.id))})]}):(0,F.jsx)(`p`,{children:`The alerts name no entities.`}),q.edges.length>0&&(0,F.jsxs)(F.Fragment,{children:[(0,F.jsx)(`h3`,{className:l.subTitle,children:`Alerts and entities`}),Q?(0,F.jsx)(ge,{elements:q,dark:c,label:xe(q),onOpenAlert:e=>v(`/alerts/${encodeURIComponent(e)}`),onOpenResource:e=>v(`/resources/${encodeURIComponent(e)}`)}):(0,F.jsxs)(m,{onClick:()=>Y(!0),children:[`Draw the graph (`,q.nodes.length,` nodes)`]})]})]}),(0,F.jsx)(M,{title:`Remediation steps`,id:`remediation`,children:$.length?(0,F.jsx)(`ol`,{className:l.steps,children:$.map(e=>(0,F.jsx)(`li`,{children:e},e))}):(0,F.jsx)(`p`,{children:`No remediation steps were given.`})}),(0,F.jsx)(M,{title:`Record`,id:`record`,children:(0,F.jsx)(j,{items:[[`Incident id`,(0,F.jsx)(`span`,{className:l.mono,children:I.id})],[`Created`,(0,F.jsx)(g,{value:I.createdAt})],[`Updated`,(0,F.jsx)(g,{value:I.updatedAt,relative:!0})]]})})]})}function xe(e){let t=t=>e.nodes.filter(e=>e.type===t).length,n=t(`resource`),r=`Graph of ${t(`alert`)} alerts and the ${t(`entity`)} entities they name`;return n?`${r}, and the ${n} resources the linking entities tie; the tables above list the same`:`${r}; the table above lists the same`}export{$ as default,xe as graphLabel};
const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/EntityGraph-B265LHqb.js","assets/index-DzLebIPr.js","assets/index-C4ecpnyG.css"])))=>i.map(i=>d[i]);
import{C as e,D as t,F as n,I as r,J as i,L as ee,M as te,N as a,O as o,P as s,R as c,Xt as l,Yt as u,Zt as d,a as f,bt as p,c as m,d as h,en as g,f as _,g as v,h as ne,k as re,l as y,m as ie,o as b,rn as x,s as S,u as C,w,z as T}from"./index-DzLebIPr.js";import{a as ae,c as E,i as D,l as O,n as k,o as A,r as j,s as oe,t as M}from"./layout-CB-qZ0rm.js";import{t as se}from"./KillChain-BLghRlyw.js";var N=x(g(),1);function P(e){let t=new Map;for(let n of e)for(let e of n.entities??[]){let r=t.get(e.id);r||(r={id:e.id,kind:e.kind,key:e.key,name:e.name,alertIds:[]},t.set(e.id,r)),r.alertIds.includes(n.id)||r.alertIds.push(n.id)}return[...t.values()].sort((e,t)=>t.alertIds.length-e.alertIds.length||e.kind.localeCompare(t.kind)||e.name.localeCompare(t.name)||e.id.localeCompare(t.id))}function ce(e,t){let n=[],r=[],i=new Set(t.flatMap(e=>e.alertIds));for(let t of e)i.has(t.id)&&n.push({id:`a:${t.id}`,label:t.displayName,type:`alert`,kind:t.severity,ref:t.id});for(let e of t){n.push({id:`e:${e.id}`,label:`${e.kind}: ${e.name}`,type:`entity`,kind:e.kind,ref:e.id});for(let t of e.alertIds)r.push({id:`a:${t}->e:${e.id}`,source:`a:${t}`,target:`e:${e.id}`})}return{nodes:n,edges:r}}var F=x(l(),1),I=u({table:{width:`100%`,borderCollapse:`collapse`,fontSize:p.fontSizeBase300},th:{textAlign:`left`,fontWeight:p.fontWeightRegular,color:p.colorNeutralForeground1,padding:`6px 8px`,borderBottom:`1px solid ${p.colorNeutralStroke2}`,height:`32px`},td:{padding:`4px 8px`,borderBottom:`1px solid ${p.colorNeutralStroke2}`,height:`32px`,verticalAlign:`middle`},row:{":hover":{backgroundColor:p.colorSubtleBackgroundHover}},link:{color:p.colorBrandForegroundLink,textDecorationLine:`none`,":hover":{textDecorationLine:`underline`,color:p.colorBrandForegroundLinkHover},":focus-visible":{outline:`2px solid ${p.colorStrokeFocus2}`,borderRadius:p.borderRadiusSmall}}});function L({className:e,...t}){let n=I();return(0,F.jsx)(`table`,{className:d(n.table,e),...t})}function R({className:e,...t}){let n=I();return(0,F.jsx)(`th`,{scope:`col`,className:d(n.th,e),...t})}function z({className:e,...t}){let n=I();return(0,F.jsx)(`td`,{className:d(n.td,e),...t})}function B({className:e,...t}){let n=I();return(0,F.jsx)(`tr`,{className:d(n.row,e),...t})}function V({to:e,children:t,className:n}){let r=I();return(0,F.jsx)(`a`,{href:e,className:d(r.link,n),onClick:t=>{h(t)&&(t.preventDefault(),_(e))},children:t})}var H=a(()=>v(()=>import(`./EntityGraph-B265LHqb.js`),__vite__mapDeps([0,1,2])),`Loading the graph…`),U=150,W=o(`
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
`),le=o(`
  query IncidentPage($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Incident {
        ...IncidentDetail
      }
    }
  }
`),ue=u({banner:{marginBottom:`12px`},story:{margin:0,whiteSpace:`pre-wrap`,overflowWrap:`anywhere`,lineHeight:p.lineHeightBase400},steps:{margin:0,paddingLeft:`20px`,display:`flex`,flexDirection:`column`,gap:`4px`,whiteSpace:`pre-wrap`,overflowWrap:`anywhere`},ips:{display:`flex`,gap:`6px`,flexWrap:`wrap`},mono:{fontFamily:p.fontFamilyMonospace,fontSize:p.fontSizeBase200,overflowWrap:`anywhere`},nowrap:{whiteSpace:`nowrap`},subTitle:{fontSize:p.fontSizeBase300,fontWeight:p.fontWeightSemibold,margin:`16px 0 8px`}});function G({id:a,dark:o=!1}){let l=ue(),[u,d]=te({query:le,variables:{id:a},requestPolicy:`cache-and-network`}),{updated:p}=t(),[h,g]=(0,N.useState)(p?.seq??0),v=ne(),[x,I]=(0,N.useState)(null);(0,N.useEffect)(()=>{p&&p.seq!==h&&(g(p.seq),p.id===a&&d({requestPolicy:`network-only`}))},[p,h,a,d]);let G=u.data?.node,K=G&&G.__typename===`Incident`?re(W,G):null,q=K?.alerts.edges,J=(0,N.useMemo)(()=>(q??[]).flatMap(e=>e?.node?[e.node]:[]),[q]),Y=(0,N.useMemo)(()=>P(J),[J]),X=(0,N.useMemo)(()=>ce(J,Y),[J,Y]),[de,fe]=(0,N.useState)(!1),Z=(0,N.useMemo)(()=>new Map(J.map(e=>[e.id,e.displayName])),[J]);if(y(K?`${K.title}`:`Security incident`),!u.data&&u.error&&!c(u.error))return(0,F.jsx)(M,{kicker:`Security incident`,title:`Security incident detected`,children:(0,F.jsx)(n,{error:u.error,title:`Could not load the incident`,onRetry:()=>d({requestPolicy:`network-only`})})});if(!u.data&&!u.error)return(0,F.jsx)(M,{kicker:`Security incident`,title:`Security incident detected`,children:(0,F.jsx)(r,{label:`Loading the incident…`})});if(!K)return(0,F.jsx)(M,{kicker:`Security incident`,title:`Security incident detected`,children:(0,F.jsxs)(s,{title:`No such incident`,children:[`There is no incident with the id `,a,`. `,(0,F.jsx)(C,{to:`/alerts`,children:`Back to the security alerts`})]})});let Q=J,pe=X.edges.length>0&&(de||X.nodes.length<=U),$=[...new Set(K.remediationSteps.length?K.remediationSteps:Q.flatMap(e=>e.remediationSteps))];return(0,F.jsxs)(M,{kicker:K.title,title:`Security incident detected`,actions:(0,F.jsx)(ie,{kind:`incident`,current:K.status,busy:v.busy,onSelect:async(e,t)=>{let n=await v.run([{kind:`incident`,id:K.id}],e,t);I(n.failed[0]?.message??null)}}),children:[x&&(0,F.jsxs)(T,{intent:`error`,role:`alert`,className:l.banner,children:[`Could not change the status: `,x]}),u.error&&(0,F.jsxs)(T,{intent:`warning`,className:l.banner,children:[`Showing saved data: `,ee(u.error)]}),K.mergedInto&&(0,F.jsxs)(T,{intent:`info`,className:l.banner,children:[`This incident was merged into `,(0,F.jsx)(C,{to:`/incidents/${encodeURIComponent(K.mergedInto.id)}`,children:K.mergedInto.title}),`.`]}),(0,F.jsx)(j,{title:`General information`,id:`general`,children:(0,F.jsx)(k,{items:[[`Target resource`,(0,F.jsx)(`span`,{"data-field":`resource-name`,children:K.resource.name})],[`Resource type`,K.resource.type],[`Resource id`,(0,F.jsx)(`span`,{className:l.mono,children:K.resource.resourceId})],[`Subscription`,K.resource.subscriptionId],[`Source IPs`,K.sourceIPs.length?(0,F.jsx)(`span`,{className:l.ips,"data-field":`source-ips`,children:K.sourceIPs.map(e=>(0,F.jsx)(b,{tone:`outline`,className:l.mono,children:e},e))}):`None seen`],[`Still active`,(0,F.jsx)(`span`,{"data-field":`active`,children:K.isActive?(0,F.jsx)(b,{tone:`danger`,children:`Active`}):(0,F.jsx)(b,{tone:`subtle`,children:`No longer active`})})],[`Severity`,(0,F.jsx)(S,{severity:K.severity})],[`Status`,(0,F.jsx)(m,{status:K.status})],[`First activity`,(0,F.jsx)(f,{value:K.firstActivityTime,relative:!0})],[`Last activity`,(0,F.jsx)(f,{value:K.lastActivityTime,relative:!0})],[`Alerts`,String(K.alertCount)],[`Tactics`,e(K.tactics).map(w).join(`, `)||`—`]]})}),(0,F.jsx)(j,{title:`Attack story`,id:`story`,children:(0,F.jsx)(`p`,{className:l.story,children:K.description||`No description.`})}),(0,F.jsx)(j,{title:`Kill chain`,id:`killchain`,children:(0,F.jsx)(se,{observed:K.tactics,label:`Kill chain of this incident`})}),(0,F.jsxs)(j,{title:`Alerts in this incident (${K.alerts.totalCount})`,id:`alerts`,children:[Q.length?(0,F.jsxs)(L,{"aria-label":`Alerts in this incident, by time`,children:[(0,F.jsx)(`thead`,{children:(0,F.jsxs)(`tr`,{children:[(0,F.jsx)(R,{children:`Start time`}),(0,F.jsx)(R,{children:`Alert`}),(0,F.jsx)(R,{children:`Severity`}),(0,F.jsx)(R,{children:`Tactics`}),(0,F.jsx)(R,{children:`Status`})]})}),(0,F.jsx)(`tbody`,{children:Q.map(t=>(0,F.jsxs)(B,{"data-alert-id":t.id,children:[(0,F.jsx)(z,{className:l.nowrap,children:(0,F.jsx)(f,{value:t.startTime})}),(0,F.jsx)(z,{children:(0,F.jsx)(V,{to:`/alerts/${encodeURIComponent(t.id)}`,children:t.displayName})}),(0,F.jsx)(z,{children:(0,F.jsx)(S,{severity:t.severity})}),(0,F.jsx)(z,{children:e(t.tactics).map(w).join(`, `)||`—`}),(0,F.jsx)(z,{children:(0,F.jsx)(m,{status:t.status})})]},t.id))})]}):(0,F.jsx)(s,{title:`No alerts`}),K.alerts.totalCount>Q.length&&(0,F.jsxs)(`p`,{children:[`Showing the first `,Q.length,` of `,K.alerts.totalCount,` alerts.`]})]}),(0,F.jsxs)(j,{title:`Entities involved (${Y.length})`,id:`entities`,children:[Y.length?(0,F.jsxs)(A,{size:`small`,"aria-label":`Entities involved, the most shared first`,children:[(0,F.jsx)(ae,{children:(0,F.jsxs)(E,{children:[(0,F.jsx)(D,{children:`Kind`}),(0,F.jsx)(D,{children:`Name`}),(0,F.jsx)(D,{children:`Identifier`}),(0,F.jsx)(D,{children:`Named by`})]})}),(0,F.jsx)(oe,{children:Y.map(e=>(0,F.jsxs)(E,{"data-entity":e.kind,children:[(0,F.jsx)(O,{children:e.kind}),(0,F.jsx)(O,{className:l.mono,children:e.name}),(0,F.jsx)(O,{className:l.mono,children:e.key??`—`}),(0,F.jsx)(O,{title:e.alertIds.map(e=>Z.get(e)??e).join(`
`),children:e.alertIds.length===1?Z.get(e.alertIds[0])??`1 alert`:`${e.alertIds.length} alerts`})]},e.id))})]}):(0,F.jsx)(`p`,{children:`The alerts name no entities.`}),X.edges.length>0&&(0,F.jsxs)(F.Fragment,{children:[(0,F.jsx)(`h3`,{className:l.subTitle,children:`Alerts and entities`}),pe?(0,F.jsx)(H,{elements:X,dark:o,label:`Graph of ${X.nodes.length-Y.length} alerts and the ${Y.length} entities they name; the table above lists the same`,onOpenAlert:e=>_(`/alerts/${encodeURIComponent(e)}`)}):(0,F.jsxs)(i,{onClick:()=>fe(!0),children:[`Draw the graph (`,X.nodes.length,` nodes)`]})]})]}),(0,F.jsx)(j,{title:`Remediation steps`,id:`remediation`,children:$.length?(0,F.jsx)(`ol`,{className:l.steps,children:$.map(e=>(0,F.jsx)(`li`,{children:e},e))}):(0,F.jsx)(`p`,{children:`No remediation steps were given.`})}),(0,F.jsx)(j,{title:`Record`,id:`record`,children:(0,F.jsx)(k,{items:[[`Incident id`,(0,F.jsx)(`span`,{className:l.mono,children:K.id})],[`Created`,(0,F.jsx)(f,{value:K.createdAt})],[`Updated`,(0,F.jsx)(f,{value:K.updatedAt,relative:!0})]]})})]})}export{G as default};
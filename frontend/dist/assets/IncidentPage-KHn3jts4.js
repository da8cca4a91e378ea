import{a as e,c as t,i as n,l as r,n as i,o as a,r as o,s,t as c,u as l}from"./KillChain-CzQ46ctY.js";import{C as u,E as d,S as f,T as p,Y as m,_ as h,a as g,b as _,c as v,ct as y,f as b,ft as x,g as S,h as C,ht as w,l as T,o as E,p as D,s as O,st as k,u as A,v as j,w as M,x as N,y as P}from"./index-2OcBMB5w.js";var F=w(x(),1),I=w(y(),1),L=j(`
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
        }
      }
    }
  }
`),R=j(`
  query IncidentPage($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Incident {
        ...IncidentDetail
      }
    }
  }
`),z=k({banner:{marginBottom:`12px`},story:{margin:0,whiteSpace:`pre-wrap`,overflowWrap:`anywhere`,lineHeight:m.lineHeightBase400},steps:{margin:0,paddingLeft:`20px`,display:`flex`,flexDirection:`column`,gap:`4px`,whiteSpace:`pre-wrap`,overflowWrap:`anywhere`},ips:{display:`flex`,gap:`6px`,flexWrap:`wrap`},mono:{fontFamily:m.fontFamilyMonospace,fontSize:m.fontSizeBase200,overflowWrap:`anywhere`},nowrap:{whiteSpace:`nowrap`}});function B({id:m}){let y=z(),[x,w]=d({query:R,variables:{id:m},requestPolicy:`cache-and-network`}),{updated:k}=h(),[j,B]=(0,F.useState)(k?.seq??0),V=D(),[H,U]=(0,F.useState)(null);(0,F.useEffect)(()=>{k&&k.seq!==j&&(B(k.seq),k.id===m&&w({requestPolicy:`network-only`}))},[k,j,m,w]);let W=x.data?.node,G=W&&W.__typename===`Incident`?P(L,W):null;if(T(G?`${G.title}`:`Security incident`),!x.data&&x.error&&!M(x.error))return(0,I.jsx)(i,{kicker:`Security incident`,title:`Security incident detected`,children:(0,I.jsx)(N,{error:x.error,title:`Could not load the incident`,onRetry:()=>w({requestPolicy:`network-only`})})});if(!x.data&&!x.error)return(0,I.jsx)(i,{kicker:`Security incident`,title:`Security incident detected`,children:(0,I.jsx)(f,{label:`Loading the incident…`})});if(!G)return(0,I.jsx)(i,{kicker:`Security incident`,title:`Security incident detected`,children:(0,I.jsxs)(_,{title:`No such incident`,children:[`There is no incident with the id `,m,`. `,(0,I.jsx)(A,{to:`/alerts`,children:`Back to the security alerts`})]})});let K=(G.alerts.edges??[]).flatMap(e=>e?.node?[e.node]:[]),q=[...new Set(G.remediationSteps.length?G.remediationSteps:K.flatMap(e=>e.remediationSteps))];return(0,I.jsxs)(i,{kicker:G.title,title:`Security incident detected`,actions:(0,I.jsx)(b,{kind:`incident`,current:G.status,busy:V.busy,onSelect:async(e,t)=>{let n=await V.run([{kind:`incident`,id:G.id}],e,t);U(n.failed[0]?.message??null)}}),children:[H&&(0,I.jsxs)(p,{intent:`error`,role:`alert`,className:y.banner,children:[`Could not change the status: `,H]}),x.error&&(0,I.jsxs)(p,{intent:`warning`,className:y.banner,children:[`Showing saved data: `,u(x.error)]}),G.mergedInto&&(0,I.jsxs)(p,{intent:`info`,className:y.banner,children:[`This incident was merged into `,(0,I.jsx)(A,{to:`/incidents/${encodeURIComponent(G.mergedInto.id)}`,children:G.mergedInto.title}),`.`]}),(0,I.jsx)(n,{title:`General information`,id:`general`,children:(0,I.jsx)(o,{items:[[`Target resource`,(0,I.jsx)(`span`,{"data-field":`resource-name`,children:G.resource.name})],[`Resource type`,G.resource.type],[`Resource id`,(0,I.jsx)(`span`,{className:y.mono,children:G.resource.resourceId})],[`Subscription`,G.resource.subscriptionId],[`Source IPs`,G.sourceIPs.length?(0,I.jsx)(`span`,{className:y.ips,"data-field":`source-ips`,children:G.sourceIPs.map(e=>(0,I.jsx)(E,{tone:`outline`,className:y.mono,children:e},e))}):`None seen`],[`Still active`,(0,I.jsx)(`span`,{"data-field":`active`,children:G.isActive?(0,I.jsx)(E,{tone:`danger`,children:`Active`}):(0,I.jsx)(E,{tone:`subtle`,children:`No longer active`})})],[`Severity`,(0,I.jsx)(O,{severity:G.severity})],[`Status`,(0,I.jsx)(v,{status:G.status})],[`First activity`,(0,I.jsx)(g,{value:G.firstActivityTime,relative:!0})],[`Last activity`,(0,I.jsx)(g,{value:G.lastActivityTime,relative:!0})],[`Alerts`,String(G.alertCount)],[`Tactics`,C(G.tactics).map(S).join(`, `)||`—`]]})}),(0,I.jsx)(n,{title:`Attack story`,id:`story`,children:(0,I.jsx)(`p`,{className:y.story,children:G.description||`No description.`})}),(0,I.jsx)(n,{title:`Kill chain`,id:`killchain`,children:(0,I.jsx)(c,{observed:G.tactics,label:`Kill chain of this incident`})}),(0,I.jsxs)(n,{title:`Alerts in this incident (${G.alerts.totalCount})`,id:`alerts`,children:[K.length?(0,I.jsxs)(s,{size:`small`,"aria-label":`Alerts in this incident, by time`,children:[(0,I.jsx)(a,{children:(0,I.jsxs)(r,{children:[(0,I.jsx)(e,{children:`Start time`}),(0,I.jsx)(e,{children:`Alert`}),(0,I.jsx)(e,{children:`Severity`}),(0,I.jsx)(e,{children:`Tactics`}),(0,I.jsx)(e,{children:`Status`})]})}),(0,I.jsx)(t,{children:K.map(e=>(0,I.jsxs)(r,{"data-alert-id":e.id,children:[(0,I.jsx)(l,{className:y.nowrap,children:(0,I.jsx)(g,{value:e.startTime})}),(0,I.jsx)(l,{children:(0,I.jsx)(A,{to:`/alerts/${encodeURIComponent(e.id)}`,children:e.displayName})}),(0,I.jsx)(l,{children:(0,I.jsx)(O,{severity:e.severity})}),(0,I.jsx)(l,{children:C(e.tactics).map(S).join(`, `)||`—`}),(0,I.jsx)(l,{children:(0,I.jsx)(v,{status:e.status})})]},e.id))})]}):(0,I.jsx)(_,{title:`No alerts`}),G.alerts.totalCount>K.length&&(0,I.jsxs)(`p`,{children:[`Showing the first `,K.length,` of `,G.alerts.totalCount,` alerts.`]})]}),(0,I.jsx)(n,{title:`Remediation steps`,id:`remediation`,children:q.length?(0,I.jsx)(`ol`,{className:y.steps,children:q.map(e=>(0,I.jsx)(`li`,{children:e},e))}):(0,I.jsx)(`p`,{children:`No remediation steps were given.`})}),(0,I.jsx)(n,{title:`Record`,id:`record`,children:(0,I.jsx)(o,{items:[[`Incident id`,(0,I.jsx)(`span`,{className:y.mono,children:G.id})],[`Created`,(0,I.jsx)(g,{value:G.createdAt})],[`Updated`,(0,I.jsx)(g,{value:G.updatedAt,relative:!0})]]})})]})}export{B as default};
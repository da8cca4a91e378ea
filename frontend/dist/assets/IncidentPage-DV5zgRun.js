const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/EntityGraph-CtyuBflT.js","assets/index-DSyo7HRD.js","assets/index-C4ecpnyG.css"])))=>i.map(i=>d[i]);
import{A as e,C as t,Ct as n,D as r,Et as i,F as ee,I as a,L as o,M as s,N as te,O as c,P as l,V as u,bt as d,c as f,d as p,f as m,g as ne,h as re,i as h,j as g,k as ie,l as _,o as v,ot as y,p as b,s as x,u as S,vt as C,w,yt as T}from"./index-DSyo7HRD.js";import{a as E,c as D,i as O,l as k,n as A,o as ae,r as j,s as oe,t as M}from"./layout-DxpTQAU5.js";import{t as se}from"./KillChain-DBZEFpBy.js";var N=i(n(),1);function ce(e){let t=new Map;for(let n of e)for(let e of n.entities??[]){let r=t.get(e.id);r||(r={id:e.id,kind:e.kind,key:e.key,name:e.name,alertIds:[]},t.set(e.id,r)),r.alertIds.includes(n.id)||r.alertIds.push(n.id)}return[...t.values()].sort((e,t)=>t.alertIds.length-e.alertIds.length||e.kind.localeCompare(t.kind)||e.name.localeCompare(t.name)||e.id.localeCompare(t.id))}function P(e,t){let n=[],r=[],i=new Set(t.flatMap(e=>e.alertIds));for(let t of e)i.has(t.id)&&n.push({id:`a:${t.id}`,label:t.displayName,type:`alert`,kind:t.severity,ref:t.id});for(let e of t){n.push({id:`e:${e.id}`,label:`${e.kind}: ${e.name}`,type:`entity`,kind:e.kind,ref:e.id});for(let t of e.alertIds)r.push({id:`a:${t}->e:${e.id}`,source:`a:${t}`,target:`e:${e.id}`})}return{nodes:n,edges:r}}var F=i(T(),1),I=C({table:{width:`100%`,borderCollapse:`collapse`,fontSize:y.fontSizeBase300},th:{textAlign:`left`,fontWeight:y.fontWeightRegular,color:y.colorNeutralForeground1,padding:`6px 8px`,borderBottom:`1px solid ${y.colorNeutralStroke2}`,height:`32px`},td:{padding:`4px 8px`,borderBottom:`1px solid ${y.colorNeutralStroke2}`,height:`32px`,verticalAlign:`middle`},row:{":hover":{backgroundColor:y.colorSubtleBackgroundHover}},link:{color:y.colorBrandForegroundLink,textDecorationLine:`none`,":hover":{textDecorationLine:`underline`,color:y.colorBrandForegroundLinkHover},":focus-visible":{outline:`2px solid ${y.colorStrokeFocus2}`,borderRadius:y.borderRadiusSmall}}});function L({className:e,...t}){let n=I();return(0,F.jsx)(`table`,{className:d(n.table,e),...t})}function R({className:e,...t}){let n=I();return(0,F.jsx)(`th`,{scope:`col`,className:d(n.th,e),...t})}function z({className:e,...t}){let n=I();return(0,F.jsx)(`td`,{className:d(n.td,e),...t})}function B({className:e,...t}){let n=I();return(0,F.jsx)(`tr`,{className:d(n.row,e),...t})}function V({to:e,children:t,className:n}){let r=I();return(0,F.jsx)(`a`,{href:e,className:d(r.link,n),onClick:t=>{m(t)&&(t.preventDefault(),b(e))},children:t})}var H=g(()=>h(()=>import(`./EntityGraph-CtyuBflT.js`),__vite__mapDeps([0,1,2])),`Loading the graph…`),U=150,W=c(`
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
`),le=c(`
  query IncidentPage($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Incident {
        ...IncidentDetail
      }
    }
  }
`),ue=C({banner:{marginBottom:`12px`},story:{margin:0,whiteSpace:`pre-wrap`,overflowWrap:`anywhere`,lineHeight:y.lineHeightBase400},steps:{margin:0,paddingLeft:`20px`,display:`flex`,flexDirection:`column`,gap:`4px`,whiteSpace:`pre-wrap`,overflowWrap:`anywhere`},ips:{display:`flex`,gap:`6px`,flexWrap:`wrap`},mono:{fontFamily:y.fontFamilyMonospace,fontSize:y.fontSizeBase200,overflowWrap:`anywhere`},nowrap:{whiteSpace:`nowrap`},subTitle:{fontSize:y.fontSizeBase300,fontWeight:y.fontWeightSemibold,margin:`16px 0 8px`}});function G({id:n,dark:i=!1}){let c=ue(),[d,m]=e({query:le,variables:{id:n},requestPolicy:`cache-and-network`}),{updated:h}=r(),[g,y]=(0,N.useState)(h?.seq??0),C=ne(),[T,I]=(0,N.useState)(null);(0,N.useEffect)(()=>{h&&h.seq!==g&&(y(h.seq),h.id===n&&m({requestPolicy:`network-only`}))},[h,g,n,m]);let G=d.data?.node,K=G&&G.__typename===`Incident`?ie(W,G):null,q=K?.alerts.edges,J=(0,N.useMemo)(()=>(q??[]).flatMap(e=>e?.node?[e.node]:[]),[q]),Y=(0,N.useMemo)(()=>ce(J),[J]),X=(0,N.useMemo)(()=>P(J,Y),[J,Y]),[de,fe]=(0,N.useState)(!1),Z=(0,N.useMemo)(()=>new Map(J.map(e=>[e.id,e.displayName])),[J]);if(S(K?`${K.title}`:`Security incident`),!d.data&&d.error&&!a(d.error))return(0,F.jsx)(M,{kicker:`Security incident`,title:`Security incident detected`,children:(0,F.jsx)(te,{error:d.error,title:`Could not load the incident`,onRetry:()=>m({requestPolicy:`network-only`})})});if(!d.data&&!d.error)return(0,F.jsx)(M,{kicker:`Security incident`,title:`Security incident detected`,children:(0,F.jsx)(l,{label:`Loading the incident…`})});if(!K)return(0,F.jsx)(M,{kicker:`Security incident`,title:`Security incident detected`,children:(0,F.jsxs)(s,{title:`No such incident`,children:[`There is no incident with the id `,n,`. `,(0,F.jsx)(p,{to:`/alerts`,children:`Back to the security alerts`})]})});let Q=J,pe=X.edges.length>0&&(de||X.nodes.length<=U),$=[...new Set(K.remediationSteps.length?K.remediationSteps:Q.flatMap(e=>e.remediationSteps))];return(0,F.jsxs)(M,{kicker:K.title,title:`Security incident detected`,actions:(0,F.jsx)(re,{kind:`incident`,current:K.status,busy:C.busy,onSelect:async(e,t)=>{let n=await C.run([{kind:`incident`,id:K.id}],e,t);I(n.failed[0]?.message??null)}}),children:[T&&(0,F.jsxs)(o,{intent:`error`,role:`alert`,className:c.banner,children:[`Could not change the status: `,T]}),d.error&&(0,F.jsxs)(o,{intent:`warning`,className:c.banner,children:[`Showing saved data: `,ee(d.error)]}),K.mergedInto&&(0,F.jsxs)(o,{intent:`info`,className:c.banner,children:[`This incident was merged into `,(0,F.jsx)(p,{to:`/incidents/${encodeURIComponent(K.mergedInto.id)}`,children:K.mergedInto.title}),`.`]}),(0,F.jsx)(j,{title:`General information`,id:`general`,children:(0,F.jsx)(A,{items:[[`Target resource`,(0,F.jsx)(`span`,{"data-field":`resource-name`,children:K.resource.name})],[`Resource type`,K.resource.type],[`Resource id`,(0,F.jsx)(`span`,{className:c.mono,children:K.resource.resourceId})],[`Subscription`,K.resource.subscriptionId],[`Source IPs`,K.sourceIPs.length?(0,F.jsx)(`span`,{className:c.ips,"data-field":`source-ips`,children:K.sourceIPs.map(e=>(0,F.jsx)(x,{tone:`outline`,className:c.mono,children:e},e))}):`None seen`],[`Still active`,(0,F.jsx)(`span`,{"data-field":`active`,children:K.isActive?(0,F.jsx)(x,{tone:`danger`,children:`Active`}):(0,F.jsx)(x,{tone:`subtle`,children:`No longer active`})})],[`Severity`,(0,F.jsx)(f,{severity:K.severity})],[`Status`,(0,F.jsx)(_,{status:K.status})],[`First activity`,(0,F.jsx)(v,{value:K.firstActivityTime,relative:!0})],[`Last activity`,(0,F.jsx)(v,{value:K.lastActivityTime,relative:!0})],[`Alerts`,String(K.alertCount)],[`Tactics`,t(K.tactics).map(w).join(`, `)||`—`]]})}),(0,F.jsx)(j,{title:`Attack story`,id:`story`,children:(0,F.jsx)(`p`,{className:c.story,children:K.description||`No description.`})}),(0,F.jsx)(j,{title:`Kill chain`,id:`killchain`,children:(0,F.jsx)(se,{observed:K.tactics,label:`Kill chain of this incident`})}),(0,F.jsxs)(j,{title:`Alerts in this incident (${K.alerts.totalCount})`,id:`alerts`,children:[Q.length?(0,F.jsxs)(L,{"aria-label":`Alerts in this incident, by time`,children:[(0,F.jsx)(`thead`,{children:(0,F.jsxs)(`tr`,{children:[(0,F.jsx)(R,{children:`Start time`}),(0,F.jsx)(R,{children:`Alert`}),(0,F.jsx)(R,{children:`Severity`}),(0,F.jsx)(R,{children:`Tactics`}),(0,F.jsx)(R,{children:`Status`})]})}),(0,F.jsx)(`tbody`,{children:Q.map(e=>(0,F.jsxs)(B,{"data-alert-id":e.id,children:[(0,F.jsx)(z,{className:c.nowrap,children:(0,F.jsx)(v,{value:e.startTime})}),(0,F.jsx)(z,{children:(0,F.jsx)(V,{to:`/alerts/${encodeURIComponent(e.id)}`,children:e.displayName})}),(0,F.jsx)(z,{children:(0,F.jsx)(f,{severity:e.severity})}),(0,F.jsx)(z,{children:t(e.tactics).map(w).join(`, `)||`—`}),(0,F.jsx)(z,{children:(0,F.jsx)(_,{status:e.status})})]},e.id))})]}):(0,F.jsx)(s,{title:`No alerts`}),K.alerts.totalCount>Q.length&&(0,F.jsxs)(`p`,{children:[`Showing the first `,Q.length,` of `,K.alerts.totalCount,` alerts.`]})]}),(0,F.jsxs)(j,{title:`Entities involved (${Y.length})`,id:`entities`,children:[Y.length?(0,F.jsxs)(ae,{size:`small`,"aria-label":`Entities involved, the most shared first`,children:[(0,F.jsx)(E,{children:(0,F.jsxs)(D,{children:[(0,F.jsx)(O,{children:`Kind`}),(0,F.jsx)(O,{children:`Name`}),(0,F.jsx)(O,{children:`Identifier`}),(0,F.jsx)(O,{children:`Named by`})]})}),(0,F.jsx)(oe,{children:Y.map(e=>(0,F.jsxs)(D,{"data-entity":e.kind,children:[(0,F.jsx)(k,{children:e.kind}),(0,F.jsx)(k,{className:c.mono,children:e.name}),(0,F.jsx)(k,{className:c.mono,children:e.key??`—`}),(0,F.jsx)(k,{title:e.alertIds.map(e=>Z.get(e)??e).join(`
`),children:e.alertIds.length===1?Z.get(e.alertIds[0])??`1 alert`:`${e.alertIds.length} alerts`})]},e.id))})]}):(0,F.jsx)(`p`,{children:`The alerts name no entities.`}),X.edges.length>0&&(0,F.jsxs)(F.Fragment,{children:[(0,F.jsx)(`h3`,{className:c.subTitle,children:`Alerts and entities`}),pe?(0,F.jsx)(H,{elements:X,dark:i,label:`Graph of ${X.nodes.length-Y.length} alerts and the ${Y.length} entities they name; the table above lists the same`,onOpenAlert:e=>b(`/alerts/${encodeURIComponent(e)}`)}):(0,F.jsxs)(u,{onClick:()=>fe(!0),children:[`Draw the graph (`,X.nodes.length,` nodes)`]})]})]}),(0,F.jsx)(j,{title:`Remediation steps`,id:`remediation`,children:$.length?(0,F.jsx)(`ol`,{className:c.steps,children:$.map(e=>(0,F.jsx)(`li`,{children:e},e))}):(0,F.jsx)(`p`,{children:`No remediation steps were given.`})}),(0,F.jsx)(j,{title:`Record`,id:`record`,children:(0,F.jsx)(A,{items:[[`Incident id`,(0,F.jsx)(`span`,{className:c.mono,children:K.id})],[`Created`,(0,F.jsx)(v,{value:K.createdAt})],[`Updated`,(0,F.jsx)(v,{value:K.updatedAt,relative:!0})]]})})]})}export{G as default};
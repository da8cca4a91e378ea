const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/EntityGraph-C1RMHU0E.js","assets/index--wMV_i6L.js","assets/index-C4ecpnyG.css"])))=>i.map(i=>d[i]);
import{At as e,C as t,D as n,F as r,Ft as i,I as a,J as ee,L as o,M as te,Mt as s,N as c,O as l,P as u,R as d,Rt as f,c as p,d as m,f as h,g,gt as _,h as ne,i as v,jt as y,k as b,l as x,o as S,p as C,s as w,u as re,w as T,z as E}from"./index--wMV_i6L.js";import{a as ie,c as D,i as O,l as k,n as A,o as ae,r as j,s as M,t as N}from"./layout-MbUAcU0t.js";import{t as oe}from"./KillChain-ufS1awM8.js";var P=f(i(),1);function se(e){let t=new Map;for(let n of e)for(let e of n.entities??[]){let r=t.get(e.id);r||(r={id:e.id,kind:e.kind,key:e.key,name:e.name,alertIds:[]},t.set(e.id,r)),r.alertIds.includes(n.id)||r.alertIds.push(n.id)}return[...t.values()].sort((e,t)=>t.alertIds.length-e.alertIds.length||e.kind.localeCompare(t.kind)||e.name.localeCompare(t.name)||e.id.localeCompare(t.id))}function ce(e,t){let n=[],r=[],i=new Set(t.flatMap(e=>e.alertIds));for(let t of e)i.has(t.id)&&n.push({id:`a:${t.id}`,label:t.displayName,type:`alert`,kind:t.severity,ref:t.id});for(let e of t){n.push({id:`e:${e.id}`,label:`${e.kind}: ${e.name}`,type:`entity`,kind:e.kind,ref:e.id});for(let t of e.alertIds)r.push({id:`a:${t}->e:${e.id}`,source:`a:${t}`,target:`e:${e.id}`})}return{nodes:n,edges:r}}var F=f(y(),1),I=e({table:{width:`100%`,borderCollapse:`collapse`,fontSize:_.fontSizeBase300},th:{textAlign:`left`,fontWeight:_.fontWeightRegular,color:_.colorNeutralForeground1,padding:`6px 8px`,borderBottom:`1px solid ${_.colorNeutralStroke2}`,height:`32px`},td:{padding:`4px 8px`,borderBottom:`1px solid ${_.colorNeutralStroke2}`,height:`32px`,verticalAlign:`middle`},row:{":hover":{backgroundColor:_.colorSubtleBackgroundHover}},link:{color:_.colorBrandForegroundLink,textDecorationLine:`none`,":hover":{textDecorationLine:`underline`,color:_.colorBrandForegroundLinkHover},":focus-visible":{outline:`2px solid ${_.colorStrokeFocus2}`,borderRadius:_.borderRadiusSmall}}});function L({className:e,...t}){let n=I();return(0,F.jsx)(`table`,{className:s(n.table,e),...t})}function R({className:e,...t}){let n=I();return(0,F.jsx)(`th`,{scope:`col`,className:s(n.th,e),...t})}function z({className:e,...t}){let n=I();return(0,F.jsx)(`td`,{className:s(n.td,e),...t})}function B({className:e,...t}){let n=I();return(0,F.jsx)(`tr`,{className:s(n.row,e),...t})}function V({to:e,children:t,className:n}){let r=I();return(0,F.jsx)(`a`,{href:e,className:s(r.link,n),onClick:t=>{h(t)&&(t.preventDefault(),C(e))},children:t})}var H=c(()=>v(()=>import(`./EntityGraph-C1RMHU0E.js`),__vite__mapDeps([0,1,2])),`Loading the graph…`),U=150,W=l(`
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
`),le=l(`
  query IncidentPage($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Incident {
        ...IncidentDetail
      }
    }
  }
`),ue=e({banner:{marginBottom:`12px`},story:{margin:0,whiteSpace:`pre-wrap`,overflowWrap:`anywhere`,lineHeight:_.lineHeightBase400},steps:{margin:0,paddingLeft:`20px`,display:`flex`,flexDirection:`column`,gap:`4px`,whiteSpace:`pre-wrap`,overflowWrap:`anywhere`},ips:{display:`flex`,gap:`6px`,flexWrap:`wrap`},mono:{fontFamily:_.fontFamilyMonospace,fontSize:_.fontSizeBase200,overflowWrap:`anywhere`},nowrap:{whiteSpace:`nowrap`},subTitle:{fontSize:_.fontSizeBase300,fontWeight:_.fontWeightSemibold,margin:`16px 0 8px`}});function G({id:e,dark:i=!1}){let s=ue(),[c,l]=te({query:le,variables:{id:e},requestPolicy:`cache-and-network`}),{updated:f}=n(),[h,_]=(0,P.useState)(f?.seq??0),v=g(),[y,I]=(0,P.useState)(null);(0,P.useEffect)(()=>{f&&f.seq!==h&&(_(f.seq),f.id===e&&l({requestPolicy:`network-only`}))},[f,h,e,l]);let G=c.data?.node,K=G&&G.__typename===`Incident`?b(W,G):null,q=K?.alerts.edges,J=(0,P.useMemo)(()=>(q??[]).flatMap(e=>e?.node?[e.node]:[]),[q]),Y=(0,P.useMemo)(()=>se(J),[J]),X=(0,P.useMemo)(()=>ce(J,Y),[J,Y]),[de,fe]=(0,P.useState)(!1),Z=(0,P.useMemo)(()=>new Map(J.map(e=>[e.id,e.displayName])),[J]);if(re(K?`${K.title}`:`Security incident`),!c.data&&c.error&&!d(c.error))return(0,F.jsx)(N,{kicker:`Security incident`,title:`Security incident detected`,children:(0,F.jsx)(r,{error:c.error,title:`Could not load the incident`,onRetry:()=>l({requestPolicy:`network-only`})})});if(!c.data&&!c.error)return(0,F.jsx)(N,{kicker:`Security incident`,title:`Security incident detected`,children:(0,F.jsx)(a,{label:`Loading the incident…`})});if(!K)return(0,F.jsx)(N,{kicker:`Security incident`,title:`Security incident detected`,children:(0,F.jsxs)(u,{title:`No such incident`,children:[`There is no incident with the id `,e,`. `,(0,F.jsx)(m,{to:`/alerts`,children:`Back to the security alerts`})]})});let Q=J,pe=X.edges.length>0&&(de||X.nodes.length<=U),$=[...new Set(K.remediationSteps.length?K.remediationSteps:Q.flatMap(e=>e.remediationSteps))];return(0,F.jsxs)(N,{kicker:K.title,title:`Security incident detected`,actions:(0,F.jsx)(ne,{kind:`incident`,current:K.status,busy:v.busy,onSelect:async(e,t)=>{let n=await v.run([{kind:`incident`,id:K.id}],e,t);I(n.failed[0]?.message??null)}}),children:[y&&(0,F.jsxs)(E,{intent:`error`,role:`alert`,className:s.banner,children:[`Could not change the status: `,y]}),c.error&&(0,F.jsxs)(E,{intent:`warning`,className:s.banner,children:[`Showing saved data: `,o(c.error)]}),K.mergedInto&&(0,F.jsxs)(E,{intent:`info`,className:s.banner,children:[`This incident was merged into `,(0,F.jsx)(m,{to:`/incidents/${encodeURIComponent(K.mergedInto.id)}`,children:K.mergedInto.title}),`.`]}),(0,F.jsx)(j,{title:`General information`,id:`general`,children:(0,F.jsx)(A,{items:[[`Target resource`,(0,F.jsx)(`span`,{"data-field":`resource-name`,children:K.resource.name})],[`Resource type`,K.resource.type],[`Resource id`,(0,F.jsx)(`span`,{className:s.mono,children:K.resource.resourceId})],[`Subscription`,K.resource.subscriptionId],[`Source IPs`,K.sourceIPs.length?(0,F.jsx)(`span`,{className:s.ips,"data-field":`source-ips`,children:K.sourceIPs.map(e=>(0,F.jsx)(w,{tone:`outline`,className:s.mono,children:e},e))}):`None seen`],[`Still active`,(0,F.jsx)(`span`,{"data-field":`active`,children:K.isActive?(0,F.jsx)(w,{tone:`danger`,children:`Active`}):(0,F.jsx)(w,{tone:`subtle`,children:`No longer active`})})],[`Severity`,(0,F.jsx)(p,{severity:K.severity})],[`Status`,(0,F.jsx)(x,{status:K.status})],[`First activity`,(0,F.jsx)(S,{value:K.firstActivityTime,relative:!0})],[`Last activity`,(0,F.jsx)(S,{value:K.lastActivityTime,relative:!0})],[`Alerts`,String(K.alertCount)],[`Tactics`,t(K.tactics).map(T).join(`, `)||`—`]]})}),(0,F.jsx)(j,{title:`Attack story`,id:`story`,children:(0,F.jsx)(`p`,{className:s.story,children:K.description||`No description.`})}),(0,F.jsx)(j,{title:`Kill chain`,id:`killchain`,children:(0,F.jsx)(oe,{observed:K.tactics,label:`Kill chain of this incident`})}),(0,F.jsxs)(j,{title:`Alerts in this incident (${K.alerts.totalCount})`,id:`alerts`,children:[Q.length?(0,F.jsxs)(L,{"aria-label":`Alerts in this incident, by time`,children:[(0,F.jsx)(`thead`,{children:(0,F.jsxs)(`tr`,{children:[(0,F.jsx)(R,{children:`Start time`}),(0,F.jsx)(R,{children:`Alert`}),(0,F.jsx)(R,{children:`Severity`}),(0,F.jsx)(R,{children:`Tactics`}),(0,F.jsx)(R,{children:`Status`})]})}),(0,F.jsx)(`tbody`,{children:Q.map(e=>(0,F.jsxs)(B,{"data-alert-id":e.id,children:[(0,F.jsx)(z,{className:s.nowrap,children:(0,F.jsx)(S,{value:e.startTime})}),(0,F.jsx)(z,{children:(0,F.jsx)(V,{to:`/alerts/${encodeURIComponent(e.id)}`,children:e.displayName})}),(0,F.jsx)(z,{children:(0,F.jsx)(p,{severity:e.severity})}),(0,F.jsx)(z,{children:t(e.tactics).map(T).join(`, `)||`—`}),(0,F.jsx)(z,{children:(0,F.jsx)(x,{status:e.status})})]},e.id))})]}):(0,F.jsx)(u,{title:`No alerts`}),K.alerts.totalCount>Q.length&&(0,F.jsxs)(`p`,{children:[`Showing the first `,Q.length,` of `,K.alerts.totalCount,` alerts.`]})]}),(0,F.jsxs)(j,{title:`Entities involved (${Y.length})`,id:`entities`,children:[Y.length?(0,F.jsxs)(ae,{size:`small`,"aria-label":`Entities involved, the most shared first`,children:[(0,F.jsx)(ie,{children:(0,F.jsxs)(D,{children:[(0,F.jsx)(O,{children:`Kind`}),(0,F.jsx)(O,{children:`Name`}),(0,F.jsx)(O,{children:`Identifier`}),(0,F.jsx)(O,{children:`Named by`})]})}),(0,F.jsx)(M,{children:Y.map(e=>(0,F.jsxs)(D,{"data-entity":e.kind,children:[(0,F.jsx)(k,{children:e.kind}),(0,F.jsx)(k,{className:s.mono,children:e.name}),(0,F.jsx)(k,{className:s.mono,children:e.key??`—`}),(0,F.jsx)(k,{title:e.alertIds.map(e=>Z.get(e)??e).join(`
`),children:e.alertIds.length===1?Z.get(e.alertIds[0])??`1 alert`:`${e.alertIds.length} alerts`})]},e.id))})]}):(0,F.jsx)(`p`,{children:`The alerts name no entities.`}),X.edges.length>0&&(0,F.jsxs)(F.Fragment,{children:[(0,F.jsx)(`h3`,{className:s.subTitle,children:`Alerts and entities`}),pe?(0,F.jsx)(H,{elements:X,dark:i,label:`Graph of ${X.nodes.length-Y.length} alerts and the ${Y.length} entities they name; the table above lists the same`,onOpenAlert:e=>C(`/alerts/${encodeURIComponent(e)}`)}):(0,F.jsxs)(ee,{onClick:()=>fe(!0),children:[`Draw the graph (`,X.nodes.length,` nodes)`]})]})]}),(0,F.jsx)(j,{title:`Remediation steps`,id:`remediation`,children:$.length?(0,F.jsx)(`ol`,{className:s.steps,children:$.map(e=>(0,F.jsx)(`li`,{children:e},e))}):(0,F.jsx)(`p`,{children:`No remediation steps were given.`})}),(0,F.jsx)(j,{title:`Record`,id:`record`,children:(0,F.jsx)(A,{items:[[`Incident id`,(0,F.jsx)(`span`,{className:s.mono,children:K.id})],[`Created`,(0,F.jsx)(S,{value:K.createdAt})],[`Updated`,(0,F.jsx)(S,{value:K.updatedAt,relative:!0})]]})})]})}export{G as default};
import{a as e,c as t,i as n,l as r,n as i,o as a,r as o,s,t as c}from"./layout-BxFryU65.js";import{B as l,C as u,F as d,I as f,L as p,N as m,O as h,R as g,W as _,Xt as v,Zt as y,a as b,c as x,h as S,in as C,k as w,l as T,m as E,o as D,s as O,tn as k,u as A,w as j,xt as M,z as N}from"./index-DViOulix.js";import{t as P}from"./KillChain-CyjAJQEm.js";var F=C(k(),1),I=C(y(),1);function L(e){let t;try{t=new URL(e.trim())}catch{return null}return t.protocol===`http:`||t.protocol===`https:`?t.href:null}function R({href:e,children:t}){let n=L(e),r=t||e;return n?(0,I.jsx)(_,{href:n,target:`_blank`,rel:`noopener noreferrer`,children:r}):(0,I.jsx)(`span`,{title:`Not a web link; shown as text`,children:r})}var z=h(`
  fragment AlertDetail on Alert {
    id
    systemAlertId
    providerAlertId
    alertType
    displayName
    description
    severity
    status
    intent
    tactics
    tacticsFromCatalogue
    techniques
    subTechniques
    startTime
    endTime
    generatedTime
    processingEndTime
    createdAt
    updatedAt
    vendorName
    productName
    productComponentName
    providerName
    compromisedEntity
    confidenceLevel
    confidenceScore
    isIncident
    correlationKey
    alertUri
    subscriptionId
    tenantId
    workspaceId
    sourceIPs
    remediationSteps
    resource {
      id
      name
      type
      resourceId
    }
    entities {
      id
      kind
      key
      name
    }
    entityRelations {
      from {
        id
      }
      name
      to {
        id
      }
    }
    extendedProperties {
      name
      value
    }
    extendedLinks {
      category
      label
      href
      type
    }
    incidents {
      id
      title
      severity
      status
      isActive
      lastActivityTime
    }
    raw
  }
`),B=h(`
  query AlertPage($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Alert {
        ...AlertDetail
      }
    }
  }
`),V=v({banner:{marginBottom:`12px`},text:{margin:0,whiteSpace:`pre-wrap`,overflowWrap:`anywhere`,lineHeight:M.lineHeightBase400},steps:{margin:0,paddingLeft:`20px`,display:`flex`,flexDirection:`column`,gap:`4px`,whiteSpace:`pre-wrap`,overflowWrap:`anywhere`},mono:{fontFamily:M.fontFamilyMonospace,fontSize:M.fontSizeBase200,overflowWrap:`anywhere`},raw:{margin:0,maxHeight:`480px`,overflow:`auto`,padding:`8px`,fontFamily:M.fontFamilyMonospace,fontSize:M.fontSizeBase200,backgroundColor:M.colorNeutralBackground3,whiteSpace:`pre-wrap`,overflowWrap:`anywhere`},chips:{display:`flex`,gap:`6px`,flexWrap:`wrap`},relations:{margin:0,paddingLeft:`20px`}});function H(e){try{return JSON.stringify(JSON.parse(e),null,2)}catch{return e}}function U({id:h}){let _=V(),[v,y]=m({query:B,variables:{id:h},requestPolicy:`cache-and-network`}),C=S(),[k,M]=(0,F.useState)(null),L=v.data?.node,U=L&&L.__typename===`Alert`?w(z,L):null;if(T(U?U.displayName:`Alert`),!v.data&&v.error&&!N(v.error))return(0,I.jsx)(c,{kicker:`Security alert`,title:`Alert`,children:(0,I.jsx)(f,{error:v.error,title:`Could not load the alert`,onRetry:()=>y({requestPolicy:`network-only`})})});if(!v.data&&!v.error)return(0,I.jsx)(c,{kicker:`Security alert`,title:`Alert`,children:(0,I.jsx)(p,{label:`Loading the alert…`})});if(!U)return(0,I.jsx)(c,{kicker:`Security alert`,title:`Alert`,children:(0,I.jsxs)(d,{title:`No such alert`,children:[`There is no alert with the id `,h,`. `,(0,I.jsx)(A,{to:`/alerts`,children:`Back to the security alerts`})]})});let W=U.entities??[],G=new Map(W.map(e=>[e.id,`${e.name} (${e.kind})`])),K=[...new Set(U.remediationSteps)],q=U.extendedLinks;return(0,I.jsxs)(c,{kicker:`Security alert`,title:U.displayName,actions:(0,I.jsx)(E,{kind:`alert`,current:U.status,busy:C.busy,onSelect:async e=>{let t=await C.run([{kind:`alert`,id:U.id}],e);M(t.failed[0]?.message??null)}}),children:[k&&(0,I.jsxs)(l,{intent:`error`,role:`alert`,className:_.banner,children:[`Could not change the status: `,k]}),v.error&&(0,I.jsxs)(l,{intent:`warning`,className:_.banner,children:[`Showing saved data: `,g(v.error)]}),(0,I.jsx)(o,{title:`General information`,id:`general`,children:(0,I.jsx)(i,{items:[[`Severity`,(0,I.jsx)(O,{severity:U.severity})],[`Status`,(0,I.jsx)(`span`,{"data-field":`status`,children:(0,I.jsx)(x,{status:U.status})})],[`Activity start`,(0,I.jsx)(b,{value:U.startTime,relative:!0})],[`Activity end`,(0,I.jsx)(b,{value:U.endTime,relative:!0})],[`Affected resource`,U.resource?`${U.resource.name} (${U.resource.type})`:``],[`Resource id`,U.resource?(0,I.jsx)(`span`,{className:_.mono,children:U.resource.resourceId}):``],[`Compromised entity`,U.compromisedEntity],[`Source IPs`,U.sourceIPs.length?(0,I.jsx)(`span`,{className:_.chips,children:U.sourceIPs.map(e=>(0,I.jsx)(D,{tone:`outline`,className:_.mono,children:e},e))}):``],[`Tactics`,`${u(U.tactics).map(j).join(`, `)||`—`}${U.tacticsFromCatalogue?` (from the catalogue of alert types)`:``}`],[`Intent (as sent)`,U.intent],[`Techniques`,[...U.techniques??[],...U.subTechniques??[]].join(`, `)],[`Alert type`,U.alertType],[`Confidence`,[U.confidenceLevel,U.confidenceScore??``].filter(e=>e!==``).join(` · `)],[`Detected by`,[U.vendorName,U.productName,U.productComponentName,U.providerName].filter(Boolean).join(` · `)],[`Vendor marked as incident`,U.isIncident?`Yes`:`No`]]})}),(0,I.jsx)(o,{title:`Description`,id:`description`,children:(0,I.jsx)(`p`,{className:_.text,"data-field":`description`,children:U.description||`No description.`})}),(0,I.jsx)(o,{title:`Kill chain`,id:`killchain`,children:(0,I.jsx)(P,{observed:U.tactics,label:`Kill chain of this alert`})}),(0,I.jsx)(o,{title:`Remediation steps`,id:`remediation`,children:K.length?(0,I.jsx)(`ol`,{className:_.steps,children:K.map(e=>(0,I.jsx)(`li`,{children:e},e))}):(0,I.jsx)(`p`,{children:`No remediation steps were given.`})}),(0,I.jsx)(o,{title:`Incidents (${U.incidents.length})`,id:`incidents`,children:U.incidents.length?(0,I.jsx)(`ul`,{className:_.relations,children:U.incidents.map(e=>(0,I.jsxs)(`li`,{children:[(0,I.jsx)(A,{to:`/incidents/${encodeURIComponent(e.id)}`,children:e.title}),` · `,(0,I.jsx)(O,{severity:e.severity}),` ·`,` `,(0,I.jsx)(x,{status:e.status}),` · last activity `,(0,I.jsx)(b,{value:e.lastActivityTime,relative:!0})]},e.id))}):(0,I.jsx)(`p`,{children:`This alert is in no incident.`})}),(0,I.jsxs)(o,{title:`Entities (${W.length})`,id:`entities`,children:[W.length?(0,I.jsxs)(a,{size:`small`,"aria-label":`Entities`,children:[(0,I.jsx)(e,{children:(0,I.jsxs)(t,{children:[(0,I.jsx)(n,{children:`Kind`}),(0,I.jsx)(n,{children:`Name`}),(0,I.jsx)(n,{children:`Identifier`})]})}),(0,I.jsx)(s,{children:W.map(e=>(0,I.jsxs)(t,{children:[(0,I.jsx)(r,{children:e.kind}),(0,I.jsx)(r,{children:e.name}),(0,I.jsx)(r,{className:_.mono,children:e.key??`—`})]},e.id))})]}):(0,I.jsx)(`p`,{children:`No entities.`}),U.entityRelations.length>0&&(0,I.jsxs)(I.Fragment,{children:[(0,I.jsx)(`h3`,{children:`Relations`}),(0,I.jsx)(`ul`,{className:_.relations,children:U.entityRelations.map(e=>(0,I.jsxs)(`li`,{children:[G.get(e.from.id)??e.from.id,` — `,(0,I.jsx)(`strong`,{children:e.name}),` → `,G.get(e.to.id)??e.to.id]},`${e.from.id}-${e.name}-${e.to.id}`))})]})]}),(0,I.jsx)(o,{title:`Extended properties (${U.extendedProperties.length})`,id:`properties`,children:U.extendedProperties.length?(0,I.jsx)(i,{items:U.extendedProperties.map(e=>[e.name,e.value,`${e.name}=${e.value}`])}):(0,I.jsx)(`p`,{children:`None.`})}),(0,I.jsx)(o,{title:`Links`,id:`links`,children:(0,I.jsx)(i,{items:[[`Alert in its portal`,U.alertUri?(0,I.jsx)(R,{href:U.alertUri}):``],...q.map(e=>[e.category||e.type||`Link`,(0,I.jsx)(R,{href:e.href,children:e.label||e.href}),`${e.href} ${e.label}`])]})}),(0,I.jsx)(o,{title:`Identifiers`,id:`ids`,children:(0,I.jsx)(i,{items:[[`System alert id`,(0,I.jsx)(`span`,{className:_.mono,children:U.systemAlertId})],[`Provider alert id`,(0,I.jsx)(`span`,{className:_.mono,children:U.providerAlertId})],[`Correlation key`,(0,I.jsx)(`span`,{className:_.mono,children:U.correlationKey})],[`Subscription`,U.subscriptionId],[`Tenant`,U.tenantId],[`Workspace`,U.workspaceId],[`Generated`,(0,I.jsx)(b,{value:U.generatedTime})],[`Processing ended`,(0,I.jsx)(b,{value:U.processingEndTime})],[`Stored`,(0,I.jsx)(b,{value:U.createdAt})],[`Updated`,(0,I.jsx)(b,{value:U.updatedAt,relative:!0})]]})}),(0,I.jsx)(o,{title:`Raw alert (as received)`,id:`raw`,children:U.raw?(0,I.jsx)(`pre`,{className:_.raw,tabIndex:0,"aria-label":`The alert as received, JSON`,children:H(U.raw)}):(0,I.jsx)(`p`,{children:`Not stored.`})})]})}export{U as default,H as prettyJSON};
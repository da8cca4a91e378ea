import{a as e,c as t,i as n,l as r,n as i,o as a,r as o,s,t as c}from"./layout-CB-qZ0rm.js";import{C as l,F as u,I as d,L as f,M as p,O as m,P as h,R as g,U as _,Xt as v,Yt as y,a as b,bt as x,c as S,en as C,h as w,k as T,l as E,m as D,o as O,rn as k,s as A,u as j,w as M,z as N}from"./index-DzLebIPr.js";import{t as P}from"./KillChain-BLghRlyw.js";var F=k(C(),1),I=k(v(),1);function L(e){let t;try{t=new URL(e.trim())}catch{return null}return t.protocol===`http:`||t.protocol===`https:`?t.href:null}function R({href:e,children:t}){let n=L(e),r=t||e;return n?(0,I.jsx)(_,{href:n,target:`_blank`,rel:`noopener noreferrer`,children:r}):(0,I.jsx)(`span`,{title:`Not a web link; shown as text`,children:r})}var z=m(`
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
`),B=m(`
  query AlertPage($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Alert {
        ...AlertDetail
      }
    }
  }
`),V=y({banner:{marginBottom:`12px`},text:{margin:0,whiteSpace:`pre-wrap`,overflowWrap:`anywhere`,lineHeight:x.lineHeightBase400},steps:{margin:0,paddingLeft:`20px`,display:`flex`,flexDirection:`column`,gap:`4px`,whiteSpace:`pre-wrap`,overflowWrap:`anywhere`},mono:{fontFamily:x.fontFamilyMonospace,fontSize:x.fontSizeBase200,overflowWrap:`anywhere`},raw:{margin:0,maxHeight:`480px`,overflow:`auto`,padding:`8px`,fontFamily:x.fontFamilyMonospace,fontSize:x.fontSizeBase200,backgroundColor:x.colorNeutralBackground3,whiteSpace:`pre-wrap`,overflowWrap:`anywhere`},chips:{display:`flex`,gap:`6px`,flexWrap:`wrap`},relations:{margin:0,paddingLeft:`20px`}});function H(e){try{return JSON.stringify(JSON.parse(e),null,2)}catch{return e}}function U({id:m}){let _=V(),[v,y]=p({query:B,variables:{id:m},requestPolicy:`cache-and-network`}),x=w(),[C,k]=(0,F.useState)(null),L=v.data?.node,U=L&&L.__typename===`Alert`?T(z,L):null;if(E(U?U.displayName:`Alert`),!v.data&&v.error&&!g(v.error))return(0,I.jsx)(c,{kicker:`Security alert`,title:`Alert`,children:(0,I.jsx)(u,{error:v.error,title:`Could not load the alert`,onRetry:()=>y({requestPolicy:`network-only`})})});if(!v.data&&!v.error)return(0,I.jsx)(c,{kicker:`Security alert`,title:`Alert`,children:(0,I.jsx)(d,{label:`Loading the alert…`})});if(!U)return(0,I.jsx)(c,{kicker:`Security alert`,title:`Alert`,children:(0,I.jsxs)(h,{title:`No such alert`,children:[`There is no alert with the id `,m,`. `,(0,I.jsx)(j,{to:`/alerts`,children:`Back to the security alerts`})]})});let W=U.entities??[],G=new Map(W.map(e=>[e.id,`${e.name} (${e.kind})`])),K=[...new Set(U.remediationSteps)],q=U.extendedLinks;return(0,I.jsxs)(c,{kicker:`Security alert`,title:U.displayName,actions:(0,I.jsx)(D,{kind:`alert`,current:U.status,busy:x.busy,onSelect:async e=>{let t=await x.run([{kind:`alert`,id:U.id}],e);k(t.failed[0]?.message??null)}}),children:[C&&(0,I.jsxs)(N,{intent:`error`,role:`alert`,className:_.banner,children:[`Could not change the status: `,C]}),v.error&&(0,I.jsxs)(N,{intent:`warning`,className:_.banner,children:[`Showing saved data: `,f(v.error)]}),(0,I.jsx)(o,{title:`General information`,id:`general`,children:(0,I.jsx)(i,{items:[[`Severity`,(0,I.jsx)(A,{severity:U.severity})],[`Status`,(0,I.jsx)(`span`,{"data-field":`status`,children:(0,I.jsx)(S,{status:U.status})})],[`Activity start`,(0,I.jsx)(b,{value:U.startTime,relative:!0})],[`Activity end`,(0,I.jsx)(b,{value:U.endTime,relative:!0})],[`Affected resource`,U.resource?`${U.resource.name} (${U.resource.type})`:``],[`Resource id`,U.resource?(0,I.jsx)(`span`,{className:_.mono,children:U.resource.resourceId}):``],[`Compromised entity`,U.compromisedEntity],[`Source IPs`,U.sourceIPs.length?(0,I.jsx)(`span`,{className:_.chips,children:U.sourceIPs.map(e=>(0,I.jsx)(O,{tone:`outline`,className:_.mono,children:e},e))}):``],[`Tactics`,`${l(U.tactics).map(M).join(`, `)||`—`}${U.tacticsFromCatalogue?` (from the catalogue of alert types)`:``}`],[`Intent (as sent)`,U.intent],[`Techniques`,[...U.techniques??[],...U.subTechniques??[]].join(`, `)],[`Alert type`,U.alertType],[`Confidence`,[U.confidenceLevel,U.confidenceScore??``].filter(e=>e!==``).join(` · `)],[`Detected by`,[U.vendorName,U.productName,U.productComponentName,U.providerName].filter(Boolean).join(` · `)],[`Vendor marked as incident`,U.isIncident?`Yes`:`No`]]})}),(0,I.jsx)(o,{title:`Description`,id:`description`,children:(0,I.jsx)(`p`,{className:_.text,"data-field":`description`,children:U.description||`No description.`})}),(0,I.jsx)(o,{title:`Kill chain`,id:`killchain`,children:(0,I.jsx)(P,{observed:U.tactics,label:`Kill chain of this alert`})}),(0,I.jsx)(o,{title:`Remediation steps`,id:`remediation`,children:K.length?(0,I.jsx)(`ol`,{className:_.steps,children:K.map(e=>(0,I.jsx)(`li`,{children:e},e))}):(0,I.jsx)(`p`,{children:`No remediation steps were given.`})}),(0,I.jsx)(o,{title:`Incidents (${U.incidents.length})`,id:`incidents`,children:U.incidents.length?(0,I.jsx)(`ul`,{className:_.relations,children:U.incidents.map(e=>(0,I.jsxs)(`li`,{children:[(0,I.jsx)(j,{to:`/incidents/${encodeURIComponent(e.id)}`,children:e.title}),` · `,(0,I.jsx)(A,{severity:e.severity}),` ·`,` `,(0,I.jsx)(S,{status:e.status}),` · last activity `,(0,I.jsx)(b,{value:e.lastActivityTime,relative:!0})]},e.id))}):(0,I.jsx)(`p`,{children:`This alert is in no incident.`})}),(0,I.jsxs)(o,{title:`Entities (${W.length})`,id:`entities`,children:[W.length?(0,I.jsxs)(a,{size:`small`,"aria-label":`Entities`,children:[(0,I.jsx)(e,{children:(0,I.jsxs)(t,{children:[(0,I.jsx)(n,{children:`Kind`}),(0,I.jsx)(n,{children:`Name`}),(0,I.jsx)(n,{children:`Identifier`})]})}),(0,I.jsx)(s,{children:W.map(e=>(0,I.jsxs)(t,{children:[(0,I.jsx)(r,{children:e.kind}),(0,I.jsx)(r,{children:e.name}),(0,I.jsx)(r,{className:_.mono,children:e.key??`—`})]},e.id))})]}):(0,I.jsx)(`p`,{children:`No entities.`}),U.entityRelations.length>0&&(0,I.jsxs)(I.Fragment,{children:[(0,I.jsx)(`h3`,{children:`Relations`}),(0,I.jsx)(`ul`,{className:_.relations,children:U.entityRelations.map(e=>(0,I.jsxs)(`li`,{children:[G.get(e.from.id)??e.from.id,` — `,(0,I.jsx)(`strong`,{children:e.name}),` → `,G.get(e.to.id)??e.to.id]},`${e.from.id}-${e.name}-${e.to.id}`))})]})]}),(0,I.jsx)(o,{title:`Extended properties (${U.extendedProperties.length})`,id:`properties`,children:U.extendedProperties.length?(0,I.jsx)(i,{items:U.extendedProperties.map(e=>[e.name,e.value,`${e.name}=${e.value}`])}):(0,I.jsx)(`p`,{children:`None.`})}),(0,I.jsx)(o,{title:`Links`,id:`links`,children:(0,I.jsx)(i,{items:[[`Alert in its portal`,U.alertUri?(0,I.jsx)(R,{href:U.alertUri}):``],...q.map(e=>[e.category||e.type||`Link`,(0,I.jsx)(R,{href:e.href,children:e.label||e.href}),`${e.href} ${e.label}`])]})}),(0,I.jsx)(o,{title:`Identifiers`,id:`ids`,children:(0,I.jsx)(i,{items:[[`System alert id`,(0,I.jsx)(`span`,{className:_.mono,children:U.systemAlertId})],[`Provider alert id`,(0,I.jsx)(`span`,{className:_.mono,children:U.providerAlertId})],[`Correlation key`,(0,I.jsx)(`span`,{className:_.mono,children:U.correlationKey})],[`Subscription`,U.subscriptionId],[`Tenant`,U.tenantId],[`Workspace`,U.workspaceId],[`Generated`,(0,I.jsx)(b,{value:U.generatedTime})],[`Processing ended`,(0,I.jsx)(b,{value:U.processingEndTime})],[`Stored`,(0,I.jsx)(b,{value:U.createdAt})],[`Updated`,(0,I.jsx)(b,{value:U.updatedAt,relative:!0})]]})}),(0,I.jsx)(o,{title:`Raw alert (as received)`,id:`raw`,children:U.raw?(0,I.jsx)(`pre`,{className:_.raw,tabIndex:0,"aria-label":`The alert as received, JSON`,children:H(U.raw)}):(0,I.jsx)(`p`,{children:`Not stored.`})})]})}export{U as default,H as prettyJSON};
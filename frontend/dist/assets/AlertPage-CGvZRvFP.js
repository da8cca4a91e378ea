import{a as e,c as t,i as n,l as r,n as i,o as a,r as o,s,t as c,u as l}from"./KillChain-CzQ46ctY.js";import{C as u,E as d,S as f,T as p,Y as m,a as h,b as g,c as _,ct as v,f as y,ft as b,g as x,h as S,ht as C,k as w,l as T,o as E,p as D,s as O,st as k,u as A,v as j,w as M,x as N,y as P}from"./index-2OcBMB5w.js";var F=C(b(),1),I=C(v(),1);function L(e){let t;try{t=new URL(e.trim())}catch{return null}return t.protocol===`http:`||t.protocol===`https:`?t.href:null}function R({href:e,children:t}){let n=L(e),r=t||e;return n?(0,I.jsx)(w,{href:n,target:`_blank`,rel:`noopener noreferrer`,children:r}):(0,I.jsx)(`span`,{title:`Not a web link; shown as text`,children:r})}var z=j(`
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
`),B=j(`
  query AlertPage($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Alert {
        ...AlertDetail
      }
    }
  }
`),V=k({banner:{marginBottom:`12px`},text:{margin:0,whiteSpace:`pre-wrap`,overflowWrap:`anywhere`,lineHeight:m.lineHeightBase400},steps:{margin:0,paddingLeft:`20px`,display:`flex`,flexDirection:`column`,gap:`4px`,whiteSpace:`pre-wrap`,overflowWrap:`anywhere`},mono:{fontFamily:m.fontFamilyMonospace,fontSize:m.fontSizeBase200,overflowWrap:`anywhere`},raw:{margin:0,maxHeight:`480px`,overflow:`auto`,padding:`8px`,fontFamily:m.fontFamilyMonospace,fontSize:m.fontSizeBase200,backgroundColor:m.colorNeutralBackground3,whiteSpace:`pre-wrap`,overflowWrap:`anywhere`},chips:{display:`flex`,gap:`6px`,flexWrap:`wrap`},relations:{margin:0,paddingLeft:`20px`}});function H(e){try{return JSON.stringify(JSON.parse(e),null,2)}catch{return e}}function U({id:m}){let v=V(),[b,C]=d({query:B,variables:{id:m},requestPolicy:`cache-and-network`}),w=D(),[k,j]=(0,F.useState)(null),L=b.data?.node,U=L&&L.__typename===`Alert`?P(z,L):null;if(T(U?U.displayName:`Alert`),!b.data&&b.error&&!M(b.error))return(0,I.jsx)(i,{kicker:`Security alert`,title:`Alert`,children:(0,I.jsx)(N,{error:b.error,title:`Could not load the alert`,onRetry:()=>C({requestPolicy:`network-only`})})});if(!b.data&&!b.error)return(0,I.jsx)(i,{kicker:`Security alert`,title:`Alert`,children:(0,I.jsx)(f,{label:`Loading the alert…`})});if(!U)return(0,I.jsx)(i,{kicker:`Security alert`,title:`Alert`,children:(0,I.jsxs)(g,{title:`No such alert`,children:[`There is no alert with the id `,m,`. `,(0,I.jsx)(A,{to:`/alerts`,children:`Back to the security alerts`})]})});let W=U.entities??[],G=new Map(W.map(e=>[e.id,`${e.name} (${e.kind})`])),K=[...new Set(U.remediationSteps)],q=U.extendedLinks;return(0,I.jsxs)(i,{kicker:`Security alert`,title:U.displayName,actions:(0,I.jsx)(y,{kind:`alert`,current:U.status,busy:w.busy,onSelect:async e=>{let t=await w.run([{kind:`alert`,id:U.id}],e);j(t.failed[0]?.message??null)}}),children:[k&&(0,I.jsxs)(p,{intent:`error`,role:`alert`,className:v.banner,children:[`Could not change the status: `,k]}),b.error&&(0,I.jsxs)(p,{intent:`warning`,className:v.banner,children:[`Showing saved data: `,u(b.error)]}),(0,I.jsx)(n,{title:`General information`,id:`general`,children:(0,I.jsx)(o,{items:[[`Severity`,(0,I.jsx)(O,{severity:U.severity})],[`Status`,(0,I.jsx)(`span`,{"data-field":`status`,children:(0,I.jsx)(_,{status:U.status})})],[`Activity start`,(0,I.jsx)(h,{value:U.startTime,relative:!0})],[`Activity end`,(0,I.jsx)(h,{value:U.endTime,relative:!0})],[`Affected resource`,U.resource?`${U.resource.name} (${U.resource.type})`:``],[`Resource id`,U.resource?(0,I.jsx)(`span`,{className:v.mono,children:U.resource.resourceId}):``],[`Compromised entity`,U.compromisedEntity],[`Source IPs`,U.sourceIPs.length?(0,I.jsx)(`span`,{className:v.chips,children:U.sourceIPs.map(e=>(0,I.jsx)(E,{tone:`outline`,className:v.mono,children:e},e))}):``],[`Tactics`,`${S(U.tactics).map(x).join(`, `)||`—`}${U.tacticsFromCatalogue?` (from the catalogue of alert types)`:``}`],[`Intent (as sent)`,U.intent],[`Techniques`,[...U.techniques??[],...U.subTechniques??[]].join(`, `)],[`Alert type`,U.alertType],[`Confidence`,[U.confidenceLevel,U.confidenceScore??``].filter(e=>e!==``).join(` · `)],[`Detected by`,[U.vendorName,U.productName,U.productComponentName,U.providerName].filter(Boolean).join(` · `)],[`Vendor marked as incident`,U.isIncident?`Yes`:`No`]]})}),(0,I.jsx)(n,{title:`Description`,id:`description`,children:(0,I.jsx)(`p`,{className:v.text,"data-field":`description`,children:U.description||`No description.`})}),(0,I.jsx)(n,{title:`Kill chain`,id:`killchain`,children:(0,I.jsx)(c,{observed:U.tactics,label:`Kill chain of this alert`})}),(0,I.jsx)(n,{title:`Remediation steps`,id:`remediation`,children:K.length?(0,I.jsx)(`ol`,{className:v.steps,children:K.map(e=>(0,I.jsx)(`li`,{children:e},e))}):(0,I.jsx)(`p`,{children:`No remediation steps were given.`})}),(0,I.jsx)(n,{title:`Incidents (${U.incidents.length})`,id:`incidents`,children:U.incidents.length?(0,I.jsx)(`ul`,{className:v.relations,children:U.incidents.map(e=>(0,I.jsxs)(`li`,{children:[(0,I.jsx)(A,{to:`/incidents/${encodeURIComponent(e.id)}`,children:e.title}),` · `,(0,I.jsx)(O,{severity:e.severity}),` ·`,` `,(0,I.jsx)(_,{status:e.status}),` · last activity `,(0,I.jsx)(h,{value:e.lastActivityTime,relative:!0})]},e.id))}):(0,I.jsx)(`p`,{children:`This alert is in no incident.`})}),(0,I.jsxs)(n,{title:`Entities (${W.length})`,id:`entities`,children:[W.length?(0,I.jsxs)(s,{size:`small`,"aria-label":`Entities`,children:[(0,I.jsx)(a,{children:(0,I.jsxs)(r,{children:[(0,I.jsx)(e,{children:`Kind`}),(0,I.jsx)(e,{children:`Name`}),(0,I.jsx)(e,{children:`Identifier`})]})}),(0,I.jsx)(t,{children:W.map(e=>(0,I.jsxs)(r,{children:[(0,I.jsx)(l,{children:e.kind}),(0,I.jsx)(l,{children:e.name}),(0,I.jsx)(l,{className:v.mono,children:e.key??`—`})]},e.id))})]}):(0,I.jsx)(`p`,{children:`No entities.`}),U.entityRelations.length>0&&(0,I.jsxs)(I.Fragment,{children:[(0,I.jsx)(`h3`,{children:`Relations`}),(0,I.jsx)(`ul`,{className:v.relations,children:U.entityRelations.map(e=>(0,I.jsxs)(`li`,{children:[G.get(e.from.id)??e.from.id,` — `,(0,I.jsx)(`strong`,{children:e.name}),` → `,G.get(e.to.id)??e.to.id]},`${e.from.id}-${e.name}-${e.to.id}`))})]})]}),(0,I.jsx)(n,{title:`Extended properties (${U.extendedProperties.length})`,id:`properties`,children:U.extendedProperties.length?(0,I.jsx)(o,{items:U.extendedProperties.map(e=>[e.name,e.value,`${e.name}=${e.value}`])}):(0,I.jsx)(`p`,{children:`None.`})}),(0,I.jsx)(n,{title:`Links`,id:`links`,children:(0,I.jsx)(o,{items:[[`Alert in its portal`,U.alertUri?(0,I.jsx)(R,{href:U.alertUri}):``],...q.map(e=>[e.category||e.type||`Link`,(0,I.jsx)(R,{href:e.href,children:e.label||e.href}),`${e.href} ${e.label}`])]})}),(0,I.jsx)(n,{title:`Identifiers`,id:`ids`,children:(0,I.jsx)(o,{items:[[`System alert id`,(0,I.jsx)(`span`,{className:v.mono,children:U.systemAlertId})],[`Provider alert id`,(0,I.jsx)(`span`,{className:v.mono,children:U.providerAlertId})],[`Correlation key`,(0,I.jsx)(`span`,{className:v.mono,children:U.correlationKey})],[`Subscription`,U.subscriptionId],[`Tenant`,U.tenantId],[`Workspace`,U.workspaceId],[`Generated`,(0,I.jsx)(h,{value:U.generatedTime})],[`Processing ended`,(0,I.jsx)(h,{value:U.processingEndTime})],[`Stored`,(0,I.jsx)(h,{value:U.createdAt})],[`Updated`,(0,I.jsx)(h,{value:U.updatedAt,relative:!0})]]})}),(0,I.jsx)(n,{title:`Raw alert (as received)`,id:`raw`,children:U.raw?(0,I.jsx)(`pre`,{className:v.raw,tabIndex:0,"aria-label":`The alert as received, JSON`,children:H(U.raw)}):(0,I.jsx)(`p`,{children:`Not stored.`})})]})}export{U as default,H as prettyJSON};
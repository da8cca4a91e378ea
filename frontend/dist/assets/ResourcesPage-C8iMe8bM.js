import{a as e,c as t,i as n,l as r,o as i,r as a,s as o,t as s}from"./layout-BxFryU65.js";import{E as c,F as l,I as u,L as d,N as f,O as p,T as m,Xt as h,Zt as g,_,in as v,l as y,tn as b,u as x,v as S,xt as C}from"./index-DViOulix.js";var w=v(b(),1);function T(e){let t=new Map;for(let n of e){let e=t.get(n.category)??[];e.push(n),t.set(n.category,e)}return[...m,...[...t.keys()].filter(e=>!m.includes(e))].flatMap(e=>{let n=t.get(e);if(!n?.length)return[];let r=[...n].sort((e,t)=>t.alerts.totalCount-e.alerts.totalCount||t.incidents.totalCount-e.incidents.totalCount||e.name.localeCompare(t.name)||e.id.localeCompare(t.id));return[{category:e,resources:r,alerts:r.reduce((e,t)=>e+t.alerts.totalCount,0),incidents:r.reduce((e,t)=>e+t.incidents.totalCount,0)}]})}var E=v(g(),1),D=500,O=p(`
  query Resources($first: Int!) {
    resources(first: $first, orderBy: [{ field: ALERTS_COUNT, direction: DESC }]) {
      totalCount
      edges {
        node {
          id
          name
          type
          category
          resourceId
          # first: 0: counts only (the server's complexity limit prices a connection by its page size)
          alerts(first: 0) {
            totalCount
          }
          incidents(first: 0) {
            totalCount
          }
        }
      }
    }
  }
`),k=h({mono:{fontFamily:C.fontFamilyMonospace,fontSize:C.fontSizeBase200,overflowWrap:`anywhere`},num:{textAlign:`right`,width:`96px`},caption:{color:C.colorNeutralForeground3}}),A=e=>`/alerts${S({..._,...e})}`;function j(){let p=k();y(`Resources`);let[m,h]=f({query:O,variables:{first:D},requestPolicy:`cache-and-network`}),g=(0,w.useMemo)(()=>(m.data?.resources.edges??[]).flatMap(e=>e?.node?[e.node]:[]),[m.data]),_=(0,w.useMemo)(()=>T(g),[g]),v=m.data?.resources.totalCount??0;return(0,E.jsx)(s,{kicker:`Resources by category`,title:`Resources`,children:!m.data&&m.error?(0,E.jsx)(u,{error:m.error,title:`Could not load the resources`,onRetry:()=>h({requestPolicy:`network-only`})}):m.data?_.length?(0,E.jsxs)(E.Fragment,{children:[v>g.length&&(0,E.jsxs)(`p`,{className:p.caption,children:[`The `,g.length,` resources with the most alerts, of `,v,`.`]}),_.map(s=>(0,E.jsxs)(a,{id:`category-${s.category.toLowerCase()}`,title:`${c(s.category)} (${s.resources.length})`,children:[(0,E.jsxs)(`p`,{className:p.caption,children:[s.alerts,` `,s.alerts===1?`alert`:`alerts`,` and`,` `,(0,E.jsxs)(x,{to:A({show:`incidents`,category:[s.category]}),children:[s.incidents,` `,s.incidents===1?`incident`:`incidents`]}),` `,`on these resources (a partner product's alert counts here and under partner products in the list)`]}),(0,E.jsxs)(i,{size:`small`,"aria-label":`Resources: ${c(s.category)}`,children:[(0,E.jsx)(e,{children:(0,E.jsxs)(t,{children:[(0,E.jsx)(n,{children:`Resource`}),(0,E.jsx)(n,{children:`Type`}),(0,E.jsx)(n,{children:`Resource id`}),(0,E.jsx)(n,{className:p.num,children:`Alerts`}),(0,E.jsx)(n,{className:p.num,children:`Incidents`})]})}),(0,E.jsx)(o,{children:s.resources.map(e=>(0,E.jsxs)(t,{"data-resource":e.name,children:[(0,E.jsx)(r,{children:(0,E.jsx)(x,{to:`/resources/${encodeURIComponent(e.id)}`,children:e.name})}),(0,E.jsx)(r,{children:e.type}),(0,E.jsx)(r,{className:p.mono,children:e.resourceId}),(0,E.jsx)(r,{className:p.num,children:(0,E.jsx)(x,{to:A({show:`alerts`,resource:e.id}),"aria-label":`${e.alerts.totalCount} ${e.alerts.totalCount===1?`alert`:`alerts`} on ${e.name}`,children:e.alerts.totalCount})}),(0,E.jsx)(r,{className:p.num,children:(0,E.jsx)(x,{to:A({show:`incidents`,resource:e.id}),"aria-label":`${e.incidents.totalCount} ${e.incidents.totalCount===1?`incident`:`incidents`} on ${e.name}`,children:e.incidents.totalCount})})]},e.id))})]})]},s.category))]}):(0,E.jsx)(l,{title:`No resources yet`,children:`Resources appear as alerts about them are ingested.`}):(0,E.jsx)(d,{label:`Loading the resources…`})})}export{j as default};
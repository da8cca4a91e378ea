import{a as e,c as t,i as n,l as r,o as i,r as a,s as o,t as s}from"./layout-CB-qZ0rm.js";import{E as c,F as l,I as u,M as d,O as f,P as p,T as m,Xt as h,Yt as g,_,bt as v,en as y,l as b,rn as x,u as S,v as C}from"./index-DzLebIPr.js";var w=x(y(),1);function T(e){let t=new Map;for(let n of e){let e=t.get(n.category)??[];e.push(n),t.set(n.category,e)}return[...m,...[...t.keys()].filter(e=>!m.includes(e))].flatMap(e=>{let n=t.get(e);if(!n?.length)return[];let r=[...n].sort((e,t)=>t.alerts.totalCount-e.alerts.totalCount||t.incidents.totalCount-e.incidents.totalCount||e.name.localeCompare(t.name)||e.id.localeCompare(t.id));return[{category:e,resources:r,alerts:r.reduce((e,t)=>e+t.alerts.totalCount,0),incidents:r.reduce((e,t)=>e+t.incidents.totalCount,0)}]})}var E=x(h(),1),D=500,O=f(`
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
`),k=g({mono:{fontFamily:v.fontFamilyMonospace,fontSize:v.fontSizeBase200,overflowWrap:`anywhere`},num:{textAlign:`right`,width:`96px`},caption:{color:v.colorNeutralForeground3}}),A=e=>`/alerts${C({..._,...e})}`;function j(){let f=k();b(`Resources`);let[m,h]=d({query:O,variables:{first:D},requestPolicy:`cache-and-network`}),g=(0,w.useMemo)(()=>(m.data?.resources.edges??[]).flatMap(e=>e?.node?[e.node]:[]),[m.data]),_=(0,w.useMemo)(()=>T(g),[g]),v=m.data?.resources.totalCount??0;return(0,E.jsx)(s,{kicker:`Resources by category`,title:`Resources`,children:!m.data&&m.error?(0,E.jsx)(l,{error:m.error,title:`Could not load the resources`,onRetry:()=>h({requestPolicy:`network-only`})}):m.data?_.length?(0,E.jsxs)(E.Fragment,{children:[v>g.length&&(0,E.jsxs)(`p`,{className:f.caption,children:[`The `,g.length,` resources with the most alerts, of `,v,`.`]}),_.map(s=>(0,E.jsxs)(a,{id:`category-${s.category.toLowerCase()}`,title:`${c(s.category)} (${s.resources.length})`,children:[(0,E.jsxs)(`p`,{className:f.caption,children:[s.alerts,` `,s.alerts===1?`alert`:`alerts`,` and`,` `,(0,E.jsxs)(S,{to:A({show:`incidents`,category:[s.category]}),children:[s.incidents,` `,s.incidents===1?`incident`:`incidents`]}),` `,`on these resources (a partner product's alert counts here and under partner products in the list)`]}),(0,E.jsxs)(i,{size:`small`,"aria-label":`Resources: ${c(s.category)}`,children:[(0,E.jsx)(e,{children:(0,E.jsxs)(t,{children:[(0,E.jsx)(n,{children:`Resource`}),(0,E.jsx)(n,{children:`Type`}),(0,E.jsx)(n,{children:`Resource id`}),(0,E.jsx)(n,{className:f.num,children:`Alerts`}),(0,E.jsx)(n,{className:f.num,children:`Incidents`})]})}),(0,E.jsx)(o,{children:s.resources.map(e=>(0,E.jsxs)(t,{"data-resource":e.name,children:[(0,E.jsx)(r,{children:(0,E.jsx)(S,{to:`/resources/${encodeURIComponent(e.id)}`,children:e.name})}),(0,E.jsx)(r,{children:e.type}),(0,E.jsx)(r,{className:f.mono,children:e.resourceId}),(0,E.jsx)(r,{className:f.num,children:(0,E.jsx)(S,{to:A({show:`alerts`,resource:e.id}),"aria-label":`${e.alerts.totalCount} ${e.alerts.totalCount===1?`alert`:`alerts`} on ${e.name}`,children:e.alerts.totalCount})}),(0,E.jsx)(r,{className:f.num,children:(0,E.jsx)(S,{to:A({show:`incidents`,resource:e.id}),"aria-label":`${e.incidents.totalCount} ${e.incidents.totalCount===1?`incident`:`incidents`} on ${e.name}`,children:e.incidents.totalCount})})]},e.id))})]})]},s.category))]}):(0,E.jsx)(p,{title:`No resources yet`,children:`Resources appear as alerts about them are ingested.`}):(0,E.jsx)(u,{label:`Loading the resources…`})})}export{j as default};
import{a as e,c as t,i as n,l as r,o as i,r as a,s as o,t as s}from"./layout-MbUAcU0t.js";import{At as c,E as l,F as u,Ft as d,I as f,M as p,O as m,P as h,Rt as g,T as _,_ as v,d as y,gt as b,jt as x,u as S,v as C}from"./index--wMV_i6L.js";var w=g(d(),1);function T(e){let t=new Map;for(let n of e){let e=t.get(n.category)??[];e.push(n),t.set(n.category,e)}return[..._,...[...t.keys()].filter(e=>!_.includes(e))].flatMap(e=>{let n=t.get(e);if(!n?.length)return[];let r=[...n].sort((e,t)=>t.alerts.totalCount-e.alerts.totalCount||t.incidents.totalCount-e.incidents.totalCount||e.name.localeCompare(t.name)||e.id.localeCompare(t.id));return[{category:e,resources:r,alerts:r.reduce((e,t)=>e+t.alerts.totalCount,0),incidents:r.reduce((e,t)=>e+t.incidents.totalCount,0)}]})}var E=g(x(),1),D=500,O=m(`
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
`),k=c({mono:{fontFamily:b.fontFamilyMonospace,fontSize:b.fontSizeBase200,overflowWrap:`anywhere`},num:{textAlign:`right`,width:`96px`},caption:{color:b.colorNeutralForeground3}}),A=e=>`/alerts${C({...v,...e})}`;function j(){let c=k();S(`Resources`);let[d,m]=p({query:O,variables:{first:D},requestPolicy:`cache-and-network`}),g=(0,w.useMemo)(()=>(d.data?.resources.edges??[]).flatMap(e=>e?.node?[e.node]:[]),[d.data]),_=(0,w.useMemo)(()=>T(g),[g]),v=d.data?.resources.totalCount??0;return(0,E.jsx)(s,{kicker:`Resources by category`,title:`Resources`,children:!d.data&&d.error?(0,E.jsx)(u,{error:d.error,title:`Could not load the resources`,onRetry:()=>m({requestPolicy:`network-only`})}):d.data?_.length?(0,E.jsxs)(E.Fragment,{children:[v>g.length&&(0,E.jsxs)(`p`,{className:c.caption,children:[`The `,g.length,` resources with the most alerts, of `,v,`.`]}),_.map(s=>(0,E.jsxs)(a,{id:`category-${s.category.toLowerCase()}`,title:`${l(s.category)} (${s.resources.length})`,children:[(0,E.jsxs)(`p`,{className:c.caption,children:[s.alerts,` `,s.alerts===1?`alert`:`alerts`,` and`,` `,(0,E.jsxs)(y,{to:A({show:`incidents`,category:[s.category]}),children:[s.incidents,` `,s.incidents===1?`incident`:`incidents`]}),` `,`on these resources (a partner product's alert counts here and under partner products in the list)`]}),(0,E.jsxs)(i,{size:`small`,"aria-label":`Resources: ${l(s.category)}`,children:[(0,E.jsx)(e,{children:(0,E.jsxs)(t,{children:[(0,E.jsx)(n,{children:`Resource`}),(0,E.jsx)(n,{children:`Type`}),(0,E.jsx)(n,{children:`Resource id`}),(0,E.jsx)(n,{className:c.num,children:`Alerts`}),(0,E.jsx)(n,{className:c.num,children:`Incidents`})]})}),(0,E.jsx)(o,{children:s.resources.map(e=>(0,E.jsxs)(t,{"data-resource":e.name,children:[(0,E.jsx)(r,{children:(0,E.jsx)(y,{to:`/resources/${encodeURIComponent(e.id)}`,children:e.name})}),(0,E.jsx)(r,{children:e.type}),(0,E.jsx)(r,{className:c.mono,children:e.resourceId}),(0,E.jsx)(r,{className:c.num,children:(0,E.jsx)(y,{to:A({show:`alerts`,resource:e.id}),"aria-label":`${e.alerts.totalCount} ${e.alerts.totalCount===1?`alert`:`alerts`} on ${e.name}`,children:e.alerts.totalCount})}),(0,E.jsx)(r,{className:c.num,children:(0,E.jsx)(y,{to:A({show:`incidents`,resource:e.id}),"aria-label":`${e.incidents.totalCount} ${e.incidents.totalCount===1?`incident`:`incidents`} on ${e.name}`,children:e.incidents.totalCount})})]},e.id))})]})]},s.category))]}):(0,E.jsx)(h,{title:`No resources yet`,children:`Resources appear as alerts about them are ingested.`}):(0,E.jsx)(f,{label:`Loading the resources…`})})}export{j as default};
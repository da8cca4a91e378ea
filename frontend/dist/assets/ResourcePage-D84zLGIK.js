const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/TimelineChart-BHos_nhg.js","assets/index-DViOulix.js","assets/index-C4ecpnyG.css","assets/timeline-5cxCEmLI.js","assets/TimelineChart-CnsZ1jie.css"])))=>i.map(i=>d[i]);
import{a as e,c as t,i as n,l as r,n as i,o as a,r as o,s,t as c}from"./layout-BxFryU65.js";import{C as l,E as u,F as d,I as f,L as p,N as m,O as h,P as g,Xt as _,Zt as v,_ as y,a as b,c as x,f as S,g as C,in as w,l as T,s as E,tn as D,u as O,v as k,w as A,xt as j,z as M}from"./index-DViOulix.js";import{c as N,r as P,s as F}from"./timeline-5cxCEmLI.js";var I=w(D(),1),L=w(v(),1),R=g(()=>C(()=>import(`./TimelineChart-BHos_nhg.js`),__vite__mapDeps([0,1,2,3,4])),`Loading the chart…`),z=100,B=h(`
  query ResourcePage($id: ID!, $first: Int!) {
    node(id: $id) {
      __typename
      id
      ... on Resource {
        name
        type
        category
        resourceId
        subscriptionId
        createdAt
        oldest: alerts(first: 1, orderBy: [{ field: START_TIME, direction: ASC }]) {
          edges {
            node {
              id
              startTime
            }
          }
        }
        alerts(first: $first, orderBy: [{ field: START_TIME, direction: DESC }]) {
          totalCount
          edges {
            node {
              id
              displayName
              severity
              status
              tactics
              startTime
            }
          }
        }
        incidents(first: $first, orderBy: [{ field: LAST_ACTIVITY_TIME, direction: DESC }]) {
          totalCount
          edges {
            node {
              id
              title
              severity
              status
              firstActivityTime
              lastActivityTime
              alertCount
            }
          }
        }
      }
    }
  }
`),V=h(`
  query ResourceTimeline($from: Time!, $to: Time!, $bucket: TimelineBucket!, $offsetMinutes: Int!, $where: AlertWhereInput) {
    alertTimeline(from: $from, to: $to, bucket: $bucket, offsetMinutes: $offsetMinutes, where: $where) {
      start
      count
      informational
      low
      medium
      high
    }
  }
`),H=_({mono:{fontFamily:j.fontFamilyMonospace,fontSize:j.fontSizeBase200,overflowWrap:`anywhere`},nowrap:{whiteSpace:`nowrap`},caption:{color:j.colorNeutralForeground3},chart:{minHeight:`220px`}}),U=e=>`/alerts${k({...y,...e})}`;function W({id:h,dark:g}){let _=H(),[v,y]=m({query:B,variables:{id:h,first:z},requestPolicy:`cache-and-network`}),C=v.data?.node,w=C&&C.__typename===`Resource`?C:null;T(w?w.name:`Resource`);let D=N(),k=(0,I.useMemo)(()=>(w?.alerts.edges??[]).flatMap(e=>e?.node?[e.node]:[]),[w?.alerts.edges]),j=(w?.incidents.edges??[]).flatMap(e=>e?.node?[e.node]:[]),W=w?.oldest.edges?.[0]?.node?.startTime,G=k[0]?.startTime,K=(0,I.useMemo)(()=>F(`all`,Date.now(),D,W&&G?{min:Date.parse(W),max:Date.parse(G)}:null),[W,G,D]),[q]=m({query:V,variables:{from:K.from,to:K.to,bucket:K.bucket,offsetMinutes:D,where:{hasResourceWith:[{id:h}]}},pause:!w||!W});if(!v.data&&v.error&&!M(v.error))return(0,L.jsx)(c,{kicker:`Resource`,title:`Resource`,children:(0,L.jsx)(f,{error:v.error,title:`Could not load the resource`,onRetry:()=>y({requestPolicy:`network-only`})})});if(!v.data&&!v.error)return(0,L.jsx)(c,{kicker:`Resource`,title:`Resource`,children:(0,L.jsx)(p,{label:`Loading the resource…`})});if(!w)return(0,L.jsx)(c,{kicker:`Resource`,title:`Resource`,children:(0,L.jsxs)(d,{title:`No such resource`,children:[`There is no resource with the id `,h,`. `,(0,L.jsx)(O,{to:`/resources`,children:`All resources`})]})});let J=q.data?.alertTimeline;return(0,L.jsxs)(c,{kicker:`Resource · ${u(w.category)}`,title:w.name,children:[(0,L.jsx)(o,{title:`General information`,id:`general`,children:(0,L.jsx)(i,{items:[[`Type`,w.type],[`Category`,u(w.category)],[`Resource id`,(0,L.jsx)(`span`,{className:_.mono,children:w.resourceId})],[`Subscription`,w.subscriptionId],[`Alerts`,(0,L.jsx)(O,{to:U({show:`alerts`,resource:w.id}),children:w.alerts.totalCount})],[`Incidents`,(0,L.jsx)(O,{to:U({show:`incidents`,resource:w.id}),children:w.incidents.totalCount})],[`First seen`,(0,L.jsx)(b,{value:w.createdAt,relative:!0})]]})}),(0,L.jsx)(o,{title:`Alerts over time`,id:`timeline`,children:(0,L.jsx)(`div`,{className:_.chart,children:W?q.error?(0,L.jsx)(f,{error:q.error,title:`Could not load the chart`}):J?(0,L.jsx)(R,{buckets:J,stepMs:K.stepMs,offsetMinutes:D,dark:g,label:`Alerts on ${w.name} per ${K.bucket===`DAY`?`day`:`hour`}, by severity`,onPick:e=>S(U({show:`alerts`,resource:w.id,range:`custom`,...P(e.start,K.stepMs)}))}):(0,L.jsx)(p,{label:`Loading the chart…`}):(0,L.jsx)(`p`,{className:_.caption,children:`No alerts.`})})}),(0,L.jsx)(o,{title:`Incidents (${w.incidents.totalCount})`,id:`incidents`,children:j.length?(0,L.jsxs)(a,{size:`small`,"aria-label":`Incidents on ${w.name}`,children:[(0,L.jsx)(e,{children:(0,L.jsxs)(t,{children:[(0,L.jsx)(n,{children:`Last activity`}),(0,L.jsx)(n,{children:`Incident`}),(0,L.jsx)(n,{children:`Severity`}),(0,L.jsx)(n,{children:`First activity`}),(0,L.jsx)(n,{children:`Alerts`}),(0,L.jsx)(n,{children:`Status`})]})}),(0,L.jsx)(s,{children:j.map(e=>(0,L.jsxs)(t,{children:[(0,L.jsx)(r,{className:_.nowrap,children:(0,L.jsx)(b,{value:e.lastActivityTime})}),(0,L.jsx)(r,{children:(0,L.jsx)(O,{to:`/incidents/${encodeURIComponent(e.id)}`,children:e.title})}),(0,L.jsx)(r,{children:(0,L.jsx)(E,{severity:e.severity})}),(0,L.jsx)(r,{className:_.nowrap,children:(0,L.jsx)(b,{value:e.firstActivityTime})}),(0,L.jsx)(r,{children:e.alertCount}),(0,L.jsx)(r,{children:(0,L.jsx)(x,{status:e.status})})]},e.id))})]}):(0,L.jsx)(`p`,{children:`No incidents on this resource.`})}),(0,L.jsxs)(o,{title:`Alerts (${w.alerts.totalCount})`,id:`alerts`,children:[k.length?(0,L.jsxs)(a,{size:`small`,"aria-label":`Alerts on ${w.name}, newest first`,children:[(0,L.jsx)(e,{children:(0,L.jsxs)(t,{children:[(0,L.jsx)(n,{children:`Start time`}),(0,L.jsx)(n,{children:`Alert`}),(0,L.jsx)(n,{children:`Severity`}),(0,L.jsx)(n,{children:`Tactics`}),(0,L.jsx)(n,{children:`Status`})]})}),(0,L.jsx)(s,{children:k.map(e=>(0,L.jsxs)(t,{children:[(0,L.jsx)(r,{className:_.nowrap,children:(0,L.jsx)(b,{value:e.startTime})}),(0,L.jsx)(r,{children:(0,L.jsx)(O,{to:`/alerts/${encodeURIComponent(e.id)}`,children:e.displayName})}),(0,L.jsx)(r,{children:(0,L.jsx)(E,{severity:e.severity})}),(0,L.jsx)(r,{children:l(e.tactics).map(A).join(`, `)||`—`}),(0,L.jsx)(r,{children:(0,L.jsx)(x,{status:e.status})})]},e.id))})]}):(0,L.jsx)(`p`,{children:`No alerts on this resource.`}),w.alerts.totalCount>k.length&&(0,L.jsxs)(`p`,{children:[`Showing the newest `,k.length,` of `,w.alerts.totalCount,`.`,` `,(0,L.jsx)(O,{to:U({show:`alerts`,resource:w.id}),children:`All of them in the list`})]})]})]})}export{W as default};
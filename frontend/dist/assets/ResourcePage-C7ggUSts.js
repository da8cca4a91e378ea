const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/TimelineChart-I97SXTyl.js","assets/index--wMV_i6L.js","assets/index-C4ecpnyG.css","assets/timeline-5cxCEmLI.js","assets/TimelineChart-CnsZ1jie.css"])))=>i.map(i=>d[i]);
import{a as e,c as t,i as n,l as r,n as i,o as a,r as o,s,t as c}from"./layout-MbUAcU0t.js";import{At as l,C as u,E as d,F as f,Ft as p,I as m,M as h,N as g,O as _,P as v,R as y,Rt as b,_ as x,c as S,d as C,gt as w,i as T,jt as E,l as D,o as O,p as k,u as A,v as j,w as M}from"./index--wMV_i6L.js";import{c as N,r as P,s as F}from"./timeline-5cxCEmLI.js";var I=b(p(),1),L=b(E(),1),R=g(()=>T(()=>import(`./TimelineChart-I97SXTyl.js`),__vite__mapDeps([0,1,2,3,4])),`Loading the chart…`),z=100,B=_(`
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
`),V=_(`
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
`),H=l({mono:{fontFamily:w.fontFamilyMonospace,fontSize:w.fontSizeBase200,overflowWrap:`anywhere`},nowrap:{whiteSpace:`nowrap`},caption:{color:w.colorNeutralForeground3},chart:{minHeight:`220px`}}),U=e=>`/alerts${j({...x,...e})}`;function W({id:l,dark:p}){let g=H(),[_,b]=h({query:B,variables:{id:l,first:z},requestPolicy:`cache-and-network`}),x=_.data?.node,w=x&&x.__typename===`Resource`?x:null;A(w?w.name:`Resource`);let T=N(),E=(0,I.useMemo)(()=>(w?.alerts.edges??[]).flatMap(e=>e?.node?[e.node]:[]),[w?.alerts.edges]),j=(w?.incidents.edges??[]).flatMap(e=>e?.node?[e.node]:[]),W=w?.oldest.edges?.[0]?.node?.startTime,G=E[0]?.startTime,K=(0,I.useMemo)(()=>F(`all`,Date.now(),T,W&&G?{min:Date.parse(W),max:Date.parse(G)}:null),[W,G,T]),[q]=h({query:V,variables:{from:K.from,to:K.to,bucket:K.bucket,offsetMinutes:T,where:{hasResourceWith:[{id:l}]}},pause:!w||!W});if(!_.data&&_.error&&!y(_.error))return(0,L.jsx)(c,{kicker:`Resource`,title:`Resource`,children:(0,L.jsx)(f,{error:_.error,title:`Could not load the resource`,onRetry:()=>b({requestPolicy:`network-only`})})});if(!_.data&&!_.error)return(0,L.jsx)(c,{kicker:`Resource`,title:`Resource`,children:(0,L.jsx)(m,{label:`Loading the resource…`})});if(!w)return(0,L.jsx)(c,{kicker:`Resource`,title:`Resource`,children:(0,L.jsxs)(v,{title:`No such resource`,children:[`There is no resource with the id `,l,`. `,(0,L.jsx)(C,{to:`/resources`,children:`All resources`})]})});let J=q.data?.alertTimeline;return(0,L.jsxs)(c,{kicker:`Resource · ${d(w.category)}`,title:w.name,children:[(0,L.jsx)(o,{title:`General information`,id:`general`,children:(0,L.jsx)(i,{items:[[`Type`,w.type],[`Category`,d(w.category)],[`Resource id`,(0,L.jsx)(`span`,{className:g.mono,children:w.resourceId})],[`Subscription`,w.subscriptionId],[`Alerts`,(0,L.jsx)(C,{to:U({show:`alerts`,resource:w.id}),children:w.alerts.totalCount})],[`Incidents`,(0,L.jsx)(C,{to:U({show:`incidents`,resource:w.id}),children:w.incidents.totalCount})],[`First seen`,(0,L.jsx)(O,{value:w.createdAt,relative:!0})]]})}),(0,L.jsx)(o,{title:`Alerts over time`,id:`timeline`,children:(0,L.jsx)(`div`,{className:g.chart,children:W?q.error?(0,L.jsx)(f,{error:q.error,title:`Could not load the chart`}):J?(0,L.jsx)(R,{buckets:J,stepMs:K.stepMs,offsetMinutes:T,dark:p,label:`Alerts on ${w.name} per ${K.bucket===`DAY`?`day`:`hour`}, by severity`,onPick:e=>k(U({show:`alerts`,resource:w.id,range:`custom`,...P(e.start,K.stepMs)}))}):(0,L.jsx)(m,{label:`Loading the chart…`}):(0,L.jsx)(`p`,{className:g.caption,children:`No alerts.`})})}),(0,L.jsx)(o,{title:`Incidents (${w.incidents.totalCount})`,id:`incidents`,children:j.length?(0,L.jsxs)(a,{size:`small`,"aria-label":`Incidents on ${w.name}`,children:[(0,L.jsx)(e,{children:(0,L.jsxs)(t,{children:[(0,L.jsx)(n,{children:`Last activity`}),(0,L.jsx)(n,{children:`Incident`}),(0,L.jsx)(n,{children:`Severity`}),(0,L.jsx)(n,{children:`First activity`}),(0,L.jsx)(n,{children:`Alerts`}),(0,L.jsx)(n,{children:`Status`})]})}),(0,L.jsx)(s,{children:j.map(e=>(0,L.jsxs)(t,{children:[(0,L.jsx)(r,{className:g.nowrap,children:(0,L.jsx)(O,{value:e.lastActivityTime})}),(0,L.jsx)(r,{children:(0,L.jsx)(C,{to:`/incidents/${encodeURIComponent(e.id)}`,children:e.title})}),(0,L.jsx)(r,{children:(0,L.jsx)(S,{severity:e.severity})}),(0,L.jsx)(r,{className:g.nowrap,children:(0,L.jsx)(O,{value:e.firstActivityTime})}),(0,L.jsx)(r,{children:e.alertCount}),(0,L.jsx)(r,{children:(0,L.jsx)(D,{status:e.status})})]},e.id))})]}):(0,L.jsx)(`p`,{children:`No incidents on this resource.`})}),(0,L.jsxs)(o,{title:`Alerts (${w.alerts.totalCount})`,id:`alerts`,children:[E.length?(0,L.jsxs)(a,{size:`small`,"aria-label":`Alerts on ${w.name}, newest first`,children:[(0,L.jsx)(e,{children:(0,L.jsxs)(t,{children:[(0,L.jsx)(n,{children:`Start time`}),(0,L.jsx)(n,{children:`Alert`}),(0,L.jsx)(n,{children:`Severity`}),(0,L.jsx)(n,{children:`Tactics`}),(0,L.jsx)(n,{children:`Status`})]})}),(0,L.jsx)(s,{children:E.map(e=>(0,L.jsxs)(t,{children:[(0,L.jsx)(r,{className:g.nowrap,children:(0,L.jsx)(O,{value:e.startTime})}),(0,L.jsx)(r,{children:(0,L.jsx)(C,{to:`/alerts/${encodeURIComponent(e.id)}`,children:e.displayName})}),(0,L.jsx)(r,{children:(0,L.jsx)(S,{severity:e.severity})}),(0,L.jsx)(r,{children:u(e.tactics).map(M).join(`, `)||`—`}),(0,L.jsx)(r,{children:(0,L.jsx)(D,{status:e.status})})]},e.id))})]}):(0,L.jsx)(`p`,{children:`No alerts on this resource.`}),w.alerts.totalCount>E.length&&(0,L.jsxs)(`p`,{children:[`Showing the newest `,E.length,` of `,w.alerts.totalCount,`.`,` `,(0,L.jsx)(C,{to:U({show:`alerts`,resource:w.id}),children:`All of them in the list`})]})]})]})}export{W as default};
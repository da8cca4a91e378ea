const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/TimelineChart-l-msEIIK.js","assets/index-DSyo7HRD.js","assets/index-C4ecpnyG.css","assets/timeline-5cxCEmLI.js","assets/TimelineChart-CnsZ1jie.css"])))=>i.map(i=>d[i]);
import{a as e,c as t,i as n,l as r,n as i,o as a,r as o,s,t as c}from"./layout-DxpTQAU5.js";import{A as l,C as u,Ct as d,E as f,Et as p,I as m,M as h,N as g,O as _,P as v,_ as y,c as b,d as x,i as S,j as C,l as w,o as T,ot as E,p as D,u as O,v as k,vt as A,w as j,yt as M}from"./index-DSyo7HRD.js";import{c as N,r as P,s as F}from"./timeline-5cxCEmLI.js";var I=p(d(),1),L=p(M(),1),R=C(()=>S(()=>import(`./TimelineChart-l-msEIIK.js`),__vite__mapDeps([0,1,2,3,4])),`Loading the chart…`),z=100,B=_(`
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
`),H=A({mono:{fontFamily:E.fontFamilyMonospace,fontSize:E.fontSizeBase200,overflowWrap:`anywhere`},nowrap:{whiteSpace:`nowrap`},caption:{color:E.colorNeutralForeground3},chart:{minHeight:`220px`}}),U=e=>`/alerts${k({...y,...e})}`;function W({id:d,dark:p}){let _=H(),[y,S]=l({query:B,variables:{id:d,first:z},requestPolicy:`cache-and-network`}),C=y.data?.node,E=C&&C.__typename===`Resource`?C:null;O(E?E.name:`Resource`);let k=N(),A=(0,I.useMemo)(()=>(E?.alerts.edges??[]).flatMap(e=>e?.node?[e.node]:[]),[E?.alerts.edges]),M=(E?.incidents.edges??[]).flatMap(e=>e?.node?[e.node]:[]),W=E?.oldest.edges?.[0]?.node?.startTime,G=A[0]?.startTime,K=(0,I.useMemo)(()=>F(`all`,Date.now(),k,W&&G?{min:Date.parse(W),max:Date.parse(G)}:null),[W,G,k]),[q]=l({query:V,variables:{from:K.from,to:K.to,bucket:K.bucket,offsetMinutes:k,where:{hasResourceWith:[{id:d}]}},pause:!E||!W});if(!y.data&&y.error&&!m(y.error))return(0,L.jsx)(c,{kicker:`Resource`,title:`Resource`,children:(0,L.jsx)(g,{error:y.error,title:`Could not load the resource`,onRetry:()=>S({requestPolicy:`network-only`})})});if(!y.data&&!y.error)return(0,L.jsx)(c,{kicker:`Resource`,title:`Resource`,children:(0,L.jsx)(v,{label:`Loading the resource…`})});if(!E)return(0,L.jsx)(c,{kicker:`Resource`,title:`Resource`,children:(0,L.jsxs)(h,{title:`No such resource`,children:[`There is no resource with the id `,d,`. `,(0,L.jsx)(x,{to:`/resources`,children:`All resources`})]})});let J=q.data?.alertTimeline;return(0,L.jsxs)(c,{kicker:`Resource · ${f(E.category)}`,title:E.name,children:[(0,L.jsx)(o,{title:`General information`,id:`general`,children:(0,L.jsx)(i,{items:[[`Type`,E.type],[`Category`,f(E.category)],[`Resource id`,(0,L.jsx)(`span`,{className:_.mono,children:E.resourceId})],[`Subscription`,E.subscriptionId],[`Alerts`,(0,L.jsx)(x,{to:U({show:`alerts`,resource:E.id}),children:E.alerts.totalCount})],[`Incidents`,(0,L.jsx)(x,{to:U({show:`incidents`,resource:E.id}),children:E.incidents.totalCount})],[`First seen`,(0,L.jsx)(T,{value:E.createdAt,relative:!0})]]})}),(0,L.jsx)(o,{title:`Alerts over time`,id:`timeline`,children:(0,L.jsx)(`div`,{className:_.chart,children:W?q.error?(0,L.jsx)(g,{error:q.error,title:`Could not load the chart`}):J?(0,L.jsx)(R,{buckets:J,stepMs:K.stepMs,offsetMinutes:k,dark:p,label:`Alerts on ${E.name} per ${K.bucket===`DAY`?`day`:`hour`}, by severity`,onPick:e=>D(U({show:`alerts`,resource:E.id,range:`custom`,...P(e.start,K.stepMs)}))}):(0,L.jsx)(v,{label:`Loading the chart…`}):(0,L.jsx)(`p`,{className:_.caption,children:`No alerts.`})})}),(0,L.jsx)(o,{title:`Incidents (${E.incidents.totalCount})`,id:`incidents`,children:M.length?(0,L.jsxs)(a,{size:`small`,"aria-label":`Incidents on ${E.name}`,children:[(0,L.jsx)(e,{children:(0,L.jsxs)(t,{children:[(0,L.jsx)(n,{children:`Last activity`}),(0,L.jsx)(n,{children:`Incident`}),(0,L.jsx)(n,{children:`Severity`}),(0,L.jsx)(n,{children:`First activity`}),(0,L.jsx)(n,{children:`Alerts`}),(0,L.jsx)(n,{children:`Status`})]})}),(0,L.jsx)(s,{children:M.map(e=>(0,L.jsxs)(t,{children:[(0,L.jsx)(r,{className:_.nowrap,children:(0,L.jsx)(T,{value:e.lastActivityTime})}),(0,L.jsx)(r,{children:(0,L.jsx)(x,{to:`/incidents/${encodeURIComponent(e.id)}`,children:e.title})}),(0,L.jsx)(r,{children:(0,L.jsx)(b,{severity:e.severity})}),(0,L.jsx)(r,{className:_.nowrap,children:(0,L.jsx)(T,{value:e.firstActivityTime})}),(0,L.jsx)(r,{children:e.alertCount}),(0,L.jsx)(r,{children:(0,L.jsx)(w,{status:e.status})})]},e.id))})]}):(0,L.jsx)(`p`,{children:`No incidents on this resource.`})}),(0,L.jsxs)(o,{title:`Alerts (${E.alerts.totalCount})`,id:`alerts`,children:[A.length?(0,L.jsxs)(a,{size:`small`,"aria-label":`Alerts on ${E.name}, newest first`,children:[(0,L.jsx)(e,{children:(0,L.jsxs)(t,{children:[(0,L.jsx)(n,{children:`Start time`}),(0,L.jsx)(n,{children:`Alert`}),(0,L.jsx)(n,{children:`Severity`}),(0,L.jsx)(n,{children:`Tactics`}),(0,L.jsx)(n,{children:`Status`})]})}),(0,L.jsx)(s,{children:A.map(e=>(0,L.jsxs)(t,{children:[(0,L.jsx)(r,{className:_.nowrap,children:(0,L.jsx)(T,{value:e.startTime})}),(0,L.jsx)(r,{children:(0,L.jsx)(x,{to:`/alerts/${encodeURIComponent(e.id)}`,children:e.displayName})}),(0,L.jsx)(r,{children:(0,L.jsx)(b,{severity:e.severity})}),(0,L.jsx)(r,{children:u(e.tactics).map(j).join(`, `)||`—`}),(0,L.jsx)(r,{children:(0,L.jsx)(w,{status:e.status})})]},e.id))})]}):(0,L.jsx)(`p`,{children:`No alerts on this resource.`}),E.alerts.totalCount>A.length&&(0,L.jsxs)(`p`,{children:[`Showing the newest `,A.length,` of `,E.alerts.totalCount,`.`,` `,(0,L.jsx)(x,{to:U({show:`alerts`,resource:E.id}),children:`All of them in the list`})]})]})]})}export{W as default};
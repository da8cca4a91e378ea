const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/TimelineChart-I97SXTyl.js","assets/index--wMV_i6L.js","assets/index-C4ecpnyG.css","assets/timeline-5cxCEmLI.js","assets/TimelineChart-CnsZ1jie.css"])))=>i.map(i=>d[i]);
import{At as e,B as t,E as n,F as r,Ft as i,I as a,M as o,Mt as s,N as c,O as l,Rt as u,T as d,_ as f,a as p,c as m,d as h,gt as g,i as _,jt as v,m as y,p as b,u as x,v as S,x as C,y as w}from"./index--wMV_i6L.js";import{a as ee,c as te,n as T,o as E,r as D,s as O,t as k}from"./timeline-5cxCEmLI.js";import{SERIES as ne}from"./TimelineChart-I97SXTyl.js";var A=u(i(),1),j=u(v(),1),M=c(()=>_(()=>import(`./TimelineChart-I97SXTyl.js`),__vite__mapDeps([0,1,2,3,4])),`Loading the chart…`),N=[`ACTIVE`,`IN_PROGRESS`],P=l(`
  query Overview {
    incidentsOpen: incidents(where: { statusIn: [ACTIVE, IN_PROGRESS] }) {
      totalCount
    }
    incidentsHigh: incidents(where: { statusIn: [ACTIVE, IN_PROGRESS], severity: HIGH }) {
      totalCount
    }
    incidentsMedium: incidents(where: { statusIn: [ACTIVE, IN_PROGRESS], severity: MEDIUM }) {
      totalCount
    }
    incidentsLow: incidents(where: { statusIn: [ACTIVE, IN_PROGRESS], severityIn: [LOW, INFORMATIONAL] }) {
      totalCount
    }
    alertsOpen: alerts(where: { statusIn: [ACTIVE, IN_PROGRESS] }) {
      totalCount
    }
    alertsHigh: alerts(where: { statusIn: [ACTIVE, IN_PROGRESS], severity: HIGH }) {
      totalCount
    }
    alertsMedium: alerts(where: { statusIn: [ACTIVE, IN_PROGRESS], severity: MEDIUM }) {
      totalCount
    }
    alertsLow: alerts(where: { statusIn: [ACTIVE, IN_PROGRESS], severity: LOW }) {
      totalCount
    }
    alertsInformational: alerts(where: { statusIn: [ACTIVE, IN_PROGRESS], severity: INFORMATIONAL }) {
      totalCount
    }
    servers: alerts(where: { category: SERVERS }) {
      totalCount
    }
    nativeCompute: alerts(where: { category: NATIVE_COMPUTE }) {
      totalCount
    }
    dataServices: alerts(where: { category: DATA_SERVICES }) {
      totalCount
    }
    serviceLayer: alerts(where: { category: SERVICE_LAYER }) {
      totalCount
    }
    partner: alerts(where: { category: PARTNER }) {
      totalCount
    }
    other: alerts(where: { category: OTHER }) {
      totalCount
    }
    oldest: alerts(first: 1, orderBy: [{ field: START_TIME, direction: ASC }]) {
      edges {
        node {
          id
          startTime
        }
      }
    }
    newest: alerts(first: 1, orderBy: [{ field: START_TIME, direction: DESC }]) {
      edges {
        node {
          id
          startTime
        }
      }
    }
    topResources: resources(first: 6, orderBy: [{ field: ALERTS_COUNT, direction: DESC }]) {
      edges {
        node {
          id
          name
          type
          category
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
`),F=l(`
  query OverviewTimeline(
    $from: Time!
    $to: Time!
    $from2: Time!
    $to2: Time!
    $from3: Time!
    $to3: Time!
    $with2: Boolean!
    $with3: Boolean!
    $bucket: TimelineBucket!
    $offsetMinutes: Int!
  ) {
    alertTimeline(from: $from, to: $to, bucket: $bucket, offsetMinutes: $offsetMinutes) {
      start
      count
      informational
      low
      medium
      high
    }
    earlier: alertTimeline(from: $from2, to: $to2, bucket: $bucket, offsetMinutes: $offsetMinutes) @include(if: $with2) {
      start
      count
      informational
      low
      medium
      high
    }
    earliest: alertTimeline(from: $from3, to: $to3, bucket: $bucket, offsetMinutes: $offsetMinutes) @include(if: $with3) {
      start
      count
      informational
      low
      medium
      high
    }
  }
`),I=e({page:{padding:`16px 24px 48px`,boxSizing:`border-box`,overflow:`auto`,height:`100%`},head:{display:`flex`,alignItems:`baseline`,gap:`16px`,marginBottom:`16px`},grid:{display:`grid`,gridTemplateColumns:`repeat(auto-fill, minmax(320px, 1fr))`,gap:`16px`},wide:{gridColumn:`1 / -1`},tile:{padding:`12px 16px`,backgroundColor:g.colorNeutralBackground1,border:`1px solid ${g.colorNeutralStroke2}`,borderRadius:g.borderRadiusMedium,minHeight:`180px`,boxSizing:`border-box`},tileHead:{display:`flex`,alignItems:`center`,gap:`12px`,marginBottom:`8px`,minHeight:`32px`},tileTitle:{fontSize:g.fontSizeBase400,fontWeight:g.fontWeightSemibold,margin:0,flex:1},big:{fontSize:`32px`,fontWeight:g.fontWeightSemibold,lineHeight:`40px`,display:`inline-block`},caption:{color:g.colorNeutralForeground3,fontSize:g.fontSizeBase200},rows:{listStyle:`none`,margin:`8px 0 0`,padding:0,display:`flex`,flexDirection:`column`,gap:`4px`},row:{display:`flex`,alignItems:`center`,gap:`8px`,minHeight:`24px`},rowName:{flex:1,minWidth:0,overflow:`hidden`,textOverflow:`ellipsis`,whiteSpace:`nowrap`},num:{fontVariantNumeric:`tabular-nums`,minWidth:`48px`,textAlign:`right`},bar:{height:`6px`,borderRadius:`3px`,backgroundColor:g.colorBrandBackground,minWidth:`2px`},barCell:{width:`120px`,flexShrink:0},legend:{display:`flex`,gap:`16px`,flexWrap:`wrap`,marginTop:`8px`,fontSize:g.fontSizeBase200},swatch:{display:`inline-block`,width:`10px`,height:`10px`,marginRight:`6px`,borderRadius:`2px`},chartBox:{minHeight:`220px`}});function L(e){return`/alerts${S({...f,...e})}`}var R={SERVERS:`servers`,NATIVE_COMPUTE:`nativeCompute`,DATA_SERVICES:`dataServices`,SERVICE_LAYER:`serviceLayer`,PARTNER:`partner`,OTHER:`other`},z={"7d":`Last 7 days`,"30d":`Last 30 days`,all:`All (the days with alerts)`};function B({title:e,id:t,actions:n,children:r,className:i}){let a=I();return(0,j.jsxs)(`section`,{className:s(a.tile,i),"aria-labelledby":`${t}-title`,"data-tile":t,children:[(0,j.jsxs)(`div`,{className:a.tileHead,children:[(0,j.jsx)(`h2`,{className:a.tileTitle,id:`${t}-title`,children:e}),n]}),r]})}function V({to:e,value:t,label:n}){let r=I();return(0,j.jsx)(h,{to:e,className:r.num,"aria-label":`${t} ${n}`,"data-count":n,children:t})}function H({dark:e}){let i=I();x(`Overview`);let s=y(),c=new URLSearchParams(s.search).get(`range`),l=k.includes(c??``)?c:`all`,[u,f]=o({query:P,requestPolicy:`cache-and-network`}),g=u.data,_=te(),v=(0,A.useMemo)(()=>{let e=g?.oldest.edges?.[0]?.node?.startTime,t=g?.newest.edges?.[0]?.node?.startTime,n=e?C(e):null,r=t?C(t):null;return n&&r?{min:n.getTime(),max:r.getTime()}:null},[g?.oldest,g?.newest]),S=Math.floor(Date.now()/6e4),H=(0,A.useMemo)(()=>O(l,S*6e4,_,v),[l,S,_,v]),U=(0,A.useMemo)(()=>E(l===`all`?O(l,S*6e4,_,v,3):H),[l,S,_,v,H]),[W]=o({query:F,variables:{from:U[0].from,to:U[0].to,from2:U[1]?.from??U[0].from,to2:U[1]?.to??U[0].to,from3:U[2]?.from??U[0].from,to3:U[2]?.to??U[0].to,with2:U.length>1,with3:U.length>2,bucket:H.bucket,offsetMinutes:_},pause:!g}),G=W.data,K=(0,A.useMemo)(()=>G?[...G.earliest??[],...G.earlier??[],...G.alertTimeline]:null,[G]),q=(0,A.useMemo)(()=>{if(!K||l!==`all`)return K;let e=ee(K.map(e=>e.count));return e?K.slice(e[0],e[1]+1):K},[K,l]),J=q?.reduce((e,t)=>e+t.count,0)??null,Y=K?.reduce((e,t)=>e+t.count,0)??0,X=q?.length?q[0].start:H.from,re=q?.length?new Date(Date.parse(q[q.length-1].start)+H.stepMs).toISOString():H.to,Z=new Date(Date.parse(re)-1).toISOString();if(!g&&u.error)return(0,j.jsx)(`div`,{className:i.page,children:(0,j.jsx)(r,{error:u.error,title:`Could not load the overview`,onRetry:()=>f({requestPolicy:`network-only`})})});let ie=[[`High`,[`HIGH`],g?.incidentsHigh.totalCount],[`Medium`,[`MEDIUM`],g?.incidentsMedium.totalCount],[`Low and informational`,[`LOW`,`INFORMATIONAL`],g?.incidentsLow.totalCount]],ae=[[`HIGH`,g?.alertsHigh.totalCount],[`MEDIUM`,g?.alertsMedium.totalCount],[`LOW`,g?.alertsLow.totalCount],[`INFORMATIONAL`,g?.alertsInformational.totalCount]],Q=d.map(e=>[e,g?g[R[e]].totalCount:0]).filter(([e,t])=>e!==`OTHER`||t>0),oe=Math.max(1,...Q.map(([,e])=>e)),$=(g?.topResources.edges??[]).flatMap(e=>e?.node&&e.node.alerts.totalCount>0?[e.node]:[]),se=Math.max(1,...$.map(e=>e.alerts.totalCount));return(0,j.jsx)(`div`,{className:i.page,children:(0,j.jsxs)(`section`,{"aria-labelledby":`overview-title`,children:[(0,j.jsxs)(`div`,{className:i.head,children:[(0,j.jsx)(t,{as:`h1`,id:`overview-title`,children:`Overview`}),(0,j.jsxs)(`span`,{className:i.caption,children:[`Open means active or in progress. Times in `,w(_),`.`]})]}),g?(0,j.jsxs)(`div`,{className:i.grid,children:[(0,j.jsxs)(B,{title:`Active incidents`,id:`incidents`,children:[(0,j.jsx)(h,{to:L({show:`incidents`,status:[...N]}),className:i.big,"data-count":`open incidents`,children:g.incidentsOpen.totalCount}),(0,j.jsx)(`div`,{className:i.caption,children:`incidents active or in progress`}),(0,j.jsx)(`ul`,{className:i.rows,children:ie.map(([e,t,n])=>(0,j.jsxs)(`li`,{className:i.row,children:[(0,j.jsxs)(`span`,{className:i.rowName,children:[(0,j.jsx)(m,{severity:t[0]}),t.length>1&&` and informational`]}),(0,j.jsx)(V,{to:L({show:`incidents`,status:[...N],severity:t}),value:n??0,label:`open ${e.toLowerCase()} incidents`})]},e))})]}),(0,j.jsxs)(B,{title:`Security alerts`,id:`alerts`,children:[(0,j.jsx)(h,{to:L({show:`alerts`,status:[...N]}),className:i.big,"data-count":`open alerts`,children:g.alertsOpen.totalCount}),(0,j.jsx)(`div`,{className:i.caption,children:`alerts active or in progress, by severity`}),(0,j.jsx)(`ul`,{className:i.rows,children:ae.map(([e,t])=>(0,j.jsxs)(`li`,{className:i.row,children:[(0,j.jsx)(`span`,{className:i.rowName,children:(0,j.jsx)(m,{severity:e})}),(0,j.jsx)(V,{to:L({show:`alerts`,status:[...N],severity:[e]}),value:t??0,label:`open ${e.toLowerCase()} alerts`})]},e))})]}),(0,j.jsx)(B,{title:`Alerts by resource category`,id:`categories`,children:(0,j.jsx)(`ul`,{className:i.rows,children:Q.map(([e,t])=>(0,j.jsxs)(`li`,{className:i.row,children:[(0,j.jsx)(`span`,{className:i.rowName,children:n(e)}),(0,j.jsx)(`span`,{className:i.barCell,"aria-hidden":!0,children:(0,j.jsx)(`div`,{className:i.bar,style:{width:`${100*t/oe}%`}})}),(0,j.jsx)(V,{to:L({show:`alerts`,category:[e]}),value:t,label:`alerts on ${n(e)}`})]},e))})}),(0,j.jsx)(B,{title:`Most attacked resources`,id:`resources`,actions:(0,j.jsx)(h,{to:`/resources`,children:`All resources`}),children:$.length?(0,j.jsx)(`ul`,{className:i.rows,children:$.map(e=>(0,j.jsxs)(`li`,{className:i.row,"data-resource":e.name,children:[(0,j.jsx)(`span`,{className:i.rowName,title:`${e.type} · ${n(e.category)}`,children:(0,j.jsx)(h,{to:`/resources/${encodeURIComponent(e.id)}`,children:e.name})}),(0,j.jsx)(`span`,{className:i.barCell,"aria-hidden":!0,children:(0,j.jsx)(`div`,{className:i.bar,style:{width:`${100*e.alerts.totalCount/se}%`}})}),(0,j.jsx)(V,{to:L({resource:e.id}),value:e.alerts.totalCount,label:`alerts on ${e.name}`})]},e.id))}):(0,j.jsx)(`p`,{className:i.caption,children:`No resource has alerts yet.`})}),(0,j.jsxs)(B,{title:`Alerts over time`,id:`timeline`,className:i.wide,actions:(0,j.jsxs)(j.Fragment,{children:[J!==null&&(0,j.jsxs)(h,{to:L({show:`alerts`,range:`custom`,from:X,to:Z}),"data-count":`alerts in the chart`,children:[J,` alerts`]}),(0,j.jsx)(p,{label:`Chart range`,options:k,value:l,optionLabel:e=>z[e],onChange:e=>b(e===`all`?`/`:`/?range=${e}`,{replace:!0})})]}),children:[(0,j.jsx)(`div`,{className:i.chartBox,children:W.error?(0,j.jsx)(r,{error:W.error,title:`Could not load the chart`}):q?(0,j.jsx)(M,{buckets:q,stepMs:H.stepMs,offsetMinutes:_,dark:e,label:`Alerts per ${H.bucket===`DAY`?`day`:`hour`} by severity, ${z[l].toLowerCase()}: ${J} alerts`,onPick:e=>b(L({show:`alerts`,range:`custom`,...D(e.start,H.stepMs)}))}):(0,j.jsx)(a,{label:`Loading the chart…`})}),q&&q.length>0&&(0,j.jsxs)(`div`,{className:i.caption,"data-testid":`chart-span`,children:[T(q[0].start,H.stepMs,_),` – `,T(q[q.length-1].start,H.stepMs,_),` (`,w(_),`)`,l===`all`&&Y>(J??0)&&` · the days that hold most alerts; ${Y-(J??0)} more lie outside`]}),(0,j.jsx)(`div`,{className:i.legend,children:ne.map(e=>(0,j.jsxs)(h,{to:L({show:`alerts`,severity:[e.key.toUpperCase()],range:`custom`,from:X,to:Z}),children:[(0,j.jsx)(`span`,{className:i.swatch,style:{backgroundColor:e.color},"aria-hidden":!0}),e.label,`: `,q?q.reduce((t,n)=>t+n[e.key],0):`…`]},e.key))})]})]}):(0,j.jsx)(a,{label:`Loading the overview…`})]})})}export{H as default,L as listLink};
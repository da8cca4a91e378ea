const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/TimelineChart-BHos_nhg.js","assets/index-DViOulix.js","assets/index-C4ecpnyG.css","assets/timeline-5cxCEmLI.js","assets/TimelineChart-CnsZ1jie.css"])))=>i.map(i=>d[i]);
import{E as e,I as t,L as n,N as r,O as i,P as a,Qt as o,T as ee,V as s,Xt as c,Zt as l,_ as u,f as d,g as f,i as p,in as m,l as h,p as g,s as _,tn as v,u as y,v as b,x,xt as S,y as C}from"./index-DViOulix.js";import{a as w,c as T,n as E,o as D,r as te,s as O,t as k}from"./timeline-5cxCEmLI.js";import{SERIES as A}from"./TimelineChart-BHos_nhg.js";var j=m(v(),1),M=m(l(),1),N=a(()=>f(()=>import(`./TimelineChart-BHos_nhg.js`),__vite__mapDeps([0,1,2,3,4])),`Loading the chart…`),P=[`ACTIVE`,`IN_PROGRESS`],F=i(`
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
`),I=i(`
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
`),L=c({page:{padding:`16px 24px 48px`,boxSizing:`border-box`,overflow:`auto`,height:`100%`},head:{display:`flex`,alignItems:`baseline`,gap:`16px`,marginBottom:`16px`},grid:{display:`grid`,gridTemplateColumns:`repeat(auto-fill, minmax(320px, 1fr))`,gap:`16px`},wide:{gridColumn:`1 / -1`},tile:{padding:`12px 16px`,backgroundColor:S.colorNeutralBackground1,border:`1px solid ${S.colorNeutralStroke2}`,borderRadius:S.borderRadiusMedium,minHeight:`180px`,boxSizing:`border-box`},tileHead:{display:`flex`,alignItems:`center`,gap:`12px`,marginBottom:`8px`,minHeight:`32px`},tileTitle:{fontSize:S.fontSizeBase400,fontWeight:S.fontWeightSemibold,margin:0,flex:1},big:{fontSize:`32px`,fontWeight:S.fontWeightSemibold,lineHeight:`40px`,display:`inline-block`},caption:{color:S.colorNeutralForeground3,fontSize:S.fontSizeBase200},rows:{listStyle:`none`,margin:`8px 0 0`,padding:0,display:`flex`,flexDirection:`column`,gap:`4px`},row:{display:`flex`,alignItems:`center`,gap:`8px`,minHeight:`24px`},rowName:{flex:1,minWidth:0,overflow:`hidden`,textOverflow:`ellipsis`,whiteSpace:`nowrap`},num:{fontVariantNumeric:`tabular-nums`,minWidth:`48px`,textAlign:`right`},bar:{height:`6px`,borderRadius:`3px`,backgroundColor:S.colorBrandBackground,minWidth:`2px`},barCell:{width:`120px`,flexShrink:0},legend:{display:`flex`,gap:`16px`,flexWrap:`wrap`,marginTop:`8px`,fontSize:S.fontSizeBase200},swatch:{display:`inline-block`,width:`10px`,height:`10px`,marginRight:`6px`,borderRadius:`2px`},chartBox:{minHeight:`220px`}});function R(e){return`/alerts${b({...u,...e})}`}var ne={SERVERS:`servers`,NATIVE_COMPUTE:`nativeCompute`,DATA_SERVICES:`dataServices`,SERVICE_LAYER:`serviceLayer`,PARTNER:`partner`,OTHER:`other`},z={"7d":`Last 7 days`,"30d":`Last 30 days`,all:`All (the days with alerts)`};function B({title:e,id:t,actions:n,children:r,className:i}){let a=L();return(0,M.jsxs)(`section`,{className:o(a.tile,i),"aria-labelledby":`${t}-title`,"data-tile":t,children:[(0,M.jsxs)(`div`,{className:a.tileHead,children:[(0,M.jsx)(`h2`,{className:a.tileTitle,id:`${t}-title`,children:e}),n]}),r]})}function V({to:e,value:t,label:n}){let r=L();return(0,M.jsx)(y,{to:e,className:r.num,"aria-label":`${t} ${n}`,"data-count":n,children:t})}function H({dark:i}){let a=L();h(`Overview`);let o=g(),c=new URLSearchParams(o.search).get(`range`),l=k.includes(c??``)?c:`all`,[u,f]=r({query:F,requestPolicy:`cache-and-network`}),m=u.data,v=T(),b=(0,j.useMemo)(()=>{let e=m?.oldest.edges?.[0]?.node?.startTime,t=m?.newest.edges?.[0]?.node?.startTime,n=e?x(e):null,r=t?x(t):null;return n&&r?{min:n.getTime(),max:r.getTime()}:null},[m?.oldest,m?.newest]),S=Math.floor(Date.now()/6e4),H=(0,j.useMemo)(()=>O(l,S*6e4,v,b),[l,S,v,b]),U=(0,j.useMemo)(()=>D(l===`all`?O(l,S*6e4,v,b,3):H),[l,S,v,b,H]),[W]=r({query:I,variables:{from:U[0].from,to:U[0].to,from2:U[1]?.from??U[0].from,to2:U[1]?.to??U[0].to,from3:U[2]?.from??U[0].from,to3:U[2]?.to??U[0].to,with2:U.length>1,with3:U.length>2,bucket:H.bucket,offsetMinutes:v},pause:!m}),G=W.data,K=(0,j.useMemo)(()=>G?[...G.earliest??[],...G.earlier??[],...G.alertTimeline]:null,[G]),q=(0,j.useMemo)(()=>{if(!K||l!==`all`)return K;let e=w(K.map(e=>e.count));return e?K.slice(e[0],e[1]+1):K},[K,l]),J=q?.reduce((e,t)=>e+t.count,0)??null,Y=K?.reduce((e,t)=>e+t.count,0)??0,X=q?.length?q[0].start:H.from,re=q?.length?new Date(Date.parse(q[q.length-1].start)+H.stepMs).toISOString():H.to,Z=new Date(Date.parse(re)-1).toISOString();if(!m&&u.error)return(0,M.jsx)(`div`,{className:a.page,children:(0,M.jsx)(t,{error:u.error,title:`Could not load the overview`,onRetry:()=>f({requestPolicy:`network-only`})})});let ie=[[`High`,[`HIGH`],m?.incidentsHigh.totalCount],[`Medium`,[`MEDIUM`],m?.incidentsMedium.totalCount],[`Low and informational`,[`LOW`,`INFORMATIONAL`],m?.incidentsLow.totalCount]],ae=[[`HIGH`,m?.alertsHigh.totalCount],[`MEDIUM`,m?.alertsMedium.totalCount],[`LOW`,m?.alertsLow.totalCount],[`INFORMATIONAL`,m?.alertsInformational.totalCount]],Q=ee.map(e=>[e,m?m[ne[e]].totalCount:0]).filter(([e,t])=>e!==`OTHER`||t>0),oe=Math.max(1,...Q.map(([,e])=>e)),$=(m?.topResources.edges??[]).flatMap(e=>e?.node&&e.node.alerts.totalCount>0?[e.node]:[]),se=Math.max(1,...$.map(e=>e.alerts.totalCount));return(0,M.jsx)(`div`,{className:a.page,children:(0,M.jsxs)(`section`,{"aria-labelledby":`overview-title`,children:[(0,M.jsxs)(`div`,{className:a.head,children:[(0,M.jsx)(s,{as:`h1`,id:`overview-title`,children:`Overview`}),(0,M.jsxs)(`span`,{className:a.caption,children:[`Open means active or in progress. Times in `,C(v),`.`]})]}),m?(0,M.jsxs)(`div`,{className:a.grid,children:[(0,M.jsxs)(B,{title:`Active incidents`,id:`incidents`,children:[(0,M.jsx)(y,{to:R({show:`incidents`,status:[...P]}),className:a.big,"data-count":`open incidents`,children:m.incidentsOpen.totalCount}),(0,M.jsx)(`div`,{className:a.caption,children:`incidents active or in progress`}),(0,M.jsx)(`ul`,{className:a.rows,children:ie.map(([e,t,n])=>(0,M.jsxs)(`li`,{className:a.row,children:[(0,M.jsxs)(`span`,{className:a.rowName,children:[(0,M.jsx)(_,{severity:t[0]}),t.length>1&&` and informational`]}),(0,M.jsx)(V,{to:R({show:`incidents`,status:[...P],severity:t}),value:n??0,label:`open ${e.toLowerCase()} incidents`})]},e))})]}),(0,M.jsxs)(B,{title:`Security alerts`,id:`alerts`,children:[(0,M.jsx)(y,{to:R({show:`alerts`,status:[...P]}),className:a.big,"data-count":`open alerts`,children:m.alertsOpen.totalCount}),(0,M.jsx)(`div`,{className:a.caption,children:`alerts active or in progress, by severity`}),(0,M.jsx)(`ul`,{className:a.rows,children:ae.map(([e,t])=>(0,M.jsxs)(`li`,{className:a.row,children:[(0,M.jsx)(`span`,{className:a.rowName,children:(0,M.jsx)(_,{severity:e})}),(0,M.jsx)(V,{to:R({show:`alerts`,status:[...P],severity:[e]}),value:t??0,label:`open ${e.toLowerCase()} alerts`})]},e))})]}),(0,M.jsx)(B,{title:`Alerts by resource category`,id:`categories`,children:(0,M.jsx)(`ul`,{className:a.rows,children:Q.map(([t,n])=>(0,M.jsxs)(`li`,{className:a.row,children:[(0,M.jsx)(`span`,{className:a.rowName,children:e(t)}),(0,M.jsx)(`span`,{className:a.barCell,"aria-hidden":!0,children:(0,M.jsx)(`div`,{className:a.bar,style:{width:`${100*n/oe}%`}})}),(0,M.jsx)(V,{to:R({show:`alerts`,category:[t]}),value:n,label:`alerts on ${e(t)}`})]},t))})}),(0,M.jsx)(B,{title:`Most attacked resources`,id:`resources`,actions:(0,M.jsx)(y,{to:`/resources`,children:`All resources`}),children:$.length?(0,M.jsx)(`ul`,{className:a.rows,children:$.map(t=>(0,M.jsxs)(`li`,{className:a.row,"data-resource":t.name,children:[(0,M.jsx)(`span`,{className:a.rowName,title:`${t.type} · ${e(t.category)}`,children:(0,M.jsx)(y,{to:`/resources/${encodeURIComponent(t.id)}`,children:t.name})}),(0,M.jsx)(`span`,{className:a.barCell,"aria-hidden":!0,children:(0,M.jsx)(`div`,{className:a.bar,style:{width:`${100*t.alerts.totalCount/se}%`}})}),(0,M.jsx)(V,{to:R({resource:t.id}),value:t.alerts.totalCount,label:`alerts on ${t.name}`})]},t.id))}):(0,M.jsx)(`p`,{className:a.caption,children:`No resource has alerts yet.`})}),(0,M.jsxs)(B,{title:`Alerts over time`,id:`timeline`,className:a.wide,actions:(0,M.jsxs)(M.Fragment,{children:[J!==null&&(0,M.jsxs)(y,{to:R({show:`alerts`,range:`custom`,from:X,to:Z}),"data-count":`alerts in the chart`,children:[J,` alerts`]}),(0,M.jsx)(p,{label:`Chart range`,options:k,value:l,optionLabel:e=>z[e],onChange:e=>d(e===`all`?`/`:`/?range=${e}`,{replace:!0})})]}),children:[(0,M.jsx)(`div`,{className:a.chartBox,children:W.error?(0,M.jsx)(t,{error:W.error,title:`Could not load the chart`}):q?(0,M.jsx)(N,{buckets:q,stepMs:H.stepMs,offsetMinutes:v,dark:i,label:`Alerts per ${H.bucket===`DAY`?`day`:`hour`} by severity, ${z[l].toLowerCase()}: ${J} alerts`,onPick:e=>d(R({show:`alerts`,range:`custom`,...te(e.start,H.stepMs)}))}):(0,M.jsx)(n,{label:`Loading the chart…`})}),q&&q.length>0&&(0,M.jsxs)(`div`,{className:a.caption,"data-testid":`chart-span`,children:[E(q[0].start,H.stepMs,v),` – `,E(q[q.length-1].start,H.stepMs,v),` (`,C(v),`)`,l===`all`&&Y>(J??0)&&` · the days that hold most alerts; ${Y-(J??0)} more lie outside`]}),(0,M.jsx)(`div`,{className:a.legend,children:A.map(e=>(0,M.jsxs)(y,{to:R({show:`alerts`,severity:[e.key.toUpperCase()],range:`custom`,from:X,to:Z}),children:[(0,M.jsx)(`span`,{className:a.swatch,style:{backgroundColor:e.color},"aria-hidden":!0}),e.label,`: `,q?q.reduce((t,n)=>t+n[e.key],0):`…`]},e.key))})]})]}):(0,M.jsx)(n,{label:`Loading the overview…`})]})})}export{H as default,R as listLink};
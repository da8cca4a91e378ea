const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/TimelineChart-l-msEIIK.js","assets/index-DSyo7HRD.js","assets/index-C4ecpnyG.css","assets/timeline-5cxCEmLI.js","assets/TimelineChart-CnsZ1jie.css"])))=>i.map(i=>d[i]);
import{A as e,Ct as t,E as n,Et as r,N as i,O as a,P as o,R as s,T as c,_ as l,a as u,bt as d,c as f,d as p,i as m,j as h,m as g,ot as _,p as v,u as y,v as b,vt as x,x as S,y as C,yt as w}from"./index-DSyo7HRD.js";import{a as T,c as ee,n as E,o as te,r as ne,s as D,t as O}from"./timeline-5cxCEmLI.js";import{SERIES as k}from"./TimelineChart-l-msEIIK.js";var A=r(t(),1),j=r(w(),1),M=h(()=>m(()=>import(`./TimelineChart-l-msEIIK.js`),__vite__mapDeps([0,1,2,3,4])),`Loading the chart…`),N=[`ACTIVE`,`IN_PROGRESS`],P=a(`
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
`),F=a(`
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
`),I=x({page:{padding:`16px 24px 48px`,boxSizing:`border-box`,overflow:`auto`,height:`100%`},head:{display:`flex`,alignItems:`baseline`,gap:`16px`,marginBottom:`16px`},grid:{display:`grid`,gridTemplateColumns:`repeat(auto-fill, minmax(320px, 1fr))`,gap:`16px`},wide:{gridColumn:`1 / -1`},tile:{padding:`12px 16px`,backgroundColor:_.colorNeutralBackground1,border:`1px solid ${_.colorNeutralStroke2}`,borderRadius:_.borderRadiusMedium,minHeight:`180px`,boxSizing:`border-box`},tileHead:{display:`flex`,alignItems:`center`,gap:`12px`,marginBottom:`8px`,minHeight:`32px`},tileTitle:{fontSize:_.fontSizeBase400,fontWeight:_.fontWeightSemibold,margin:0,flex:1},big:{fontSize:`32px`,fontWeight:_.fontWeightSemibold,lineHeight:`40px`,display:`inline-block`},caption:{color:_.colorNeutralForeground3,fontSize:_.fontSizeBase200},rows:{listStyle:`none`,margin:`8px 0 0`,padding:0,display:`flex`,flexDirection:`column`,gap:`4px`},row:{display:`flex`,alignItems:`center`,gap:`8px`,minHeight:`24px`},rowName:{flex:1,minWidth:0,overflow:`hidden`,textOverflow:`ellipsis`,whiteSpace:`nowrap`},num:{fontVariantNumeric:`tabular-nums`,minWidth:`48px`,textAlign:`right`},bar:{height:`6px`,borderRadius:`3px`,backgroundColor:_.colorBrandBackground,minWidth:`2px`},barCell:{width:`120px`,flexShrink:0},legend:{display:`flex`,gap:`16px`,flexWrap:`wrap`,marginTop:`8px`,fontSize:_.fontSizeBase200},swatch:{display:`inline-block`,width:`10px`,height:`10px`,marginRight:`6px`,borderRadius:`2px`},chartBox:{minHeight:`220px`}});function L(e){return`/alerts${b({...l,...e})}`}var R={SERVERS:`servers`,NATIVE_COMPUTE:`nativeCompute`,DATA_SERVICES:`dataServices`,SERVICE_LAYER:`serviceLayer`,PARTNER:`partner`,OTHER:`other`},z={"7d":`Last 7 days`,"30d":`Last 30 days`,all:`All (the days with alerts)`};function B({title:e,id:t,actions:n,children:r,className:i}){let a=I();return(0,j.jsxs)(`section`,{className:d(a.tile,i),"aria-labelledby":`${t}-title`,"data-tile":t,children:[(0,j.jsxs)(`div`,{className:a.tileHead,children:[(0,j.jsx)(`h2`,{className:a.tileTitle,id:`${t}-title`,children:e}),n]}),r]})}function V({to:e,value:t,label:n}){let r=I();return(0,j.jsx)(p,{to:e,className:r.num,"aria-label":`${t} ${n}`,"data-count":n,children:t})}function H({dark:t}){let r=I();y(`Overview`);let a=g(),l=new URLSearchParams(a.search).get(`range`),d=O.includes(l??``)?l:`all`,[m,h]=e({query:P,requestPolicy:`cache-and-network`}),_=m.data,b=ee(),x=(0,A.useMemo)(()=>{let e=_?.oldest.edges?.[0]?.node?.startTime,t=_?.newest.edges?.[0]?.node?.startTime,n=e?S(e):null,r=t?S(t):null;return n&&r?{min:n.getTime(),max:r.getTime()}:null},[_?.oldest,_?.newest]),w=Math.floor(Date.now()/6e4),H=(0,A.useMemo)(()=>D(d,w*6e4,b,x),[d,w,b,x]),U=(0,A.useMemo)(()=>te(d===`all`?D(d,w*6e4,b,x,3):H),[d,w,b,x,H]),[W]=e({query:F,variables:{from:U[0].from,to:U[0].to,from2:U[1]?.from??U[0].from,to2:U[1]?.to??U[0].to,from3:U[2]?.from??U[0].from,to3:U[2]?.to??U[0].to,with2:U.length>1,with3:U.length>2,bucket:H.bucket,offsetMinutes:b},pause:!_}),G=W.data,K=(0,A.useMemo)(()=>G?[...G.earliest??[],...G.earlier??[],...G.alertTimeline]:null,[G]),q=(0,A.useMemo)(()=>{if(!K||d!==`all`)return K;let e=T(K.map(e=>e.count));return e?K.slice(e[0],e[1]+1):K},[K,d]),J=q?.reduce((e,t)=>e+t.count,0)??null,Y=K?.reduce((e,t)=>e+t.count,0)??0,X=q?.length?q[0].start:H.from,re=q?.length?new Date(Date.parse(q[q.length-1].start)+H.stepMs).toISOString():H.to,Z=new Date(Date.parse(re)-1).toISOString();if(!_&&m.error)return(0,j.jsx)(`div`,{className:r.page,children:(0,j.jsx)(i,{error:m.error,title:`Could not load the overview`,onRetry:()=>h({requestPolicy:`network-only`})})});let ie=[[`High`,[`HIGH`],_?.incidentsHigh.totalCount],[`Medium`,[`MEDIUM`],_?.incidentsMedium.totalCount],[`Low and informational`,[`LOW`,`INFORMATIONAL`],_?.incidentsLow.totalCount]],ae=[[`HIGH`,_?.alertsHigh.totalCount],[`MEDIUM`,_?.alertsMedium.totalCount],[`LOW`,_?.alertsLow.totalCount],[`INFORMATIONAL`,_?.alertsInformational.totalCount]],Q=c.map(e=>[e,_?_[R[e]].totalCount:0]).filter(([e,t])=>e!==`OTHER`||t>0),oe=Math.max(1,...Q.map(([,e])=>e)),$=(_?.topResources.edges??[]).flatMap(e=>e?.node&&e.node.alerts.totalCount>0?[e.node]:[]),se=Math.max(1,...$.map(e=>e.alerts.totalCount));return(0,j.jsx)(`div`,{className:r.page,children:(0,j.jsxs)(`section`,{"aria-labelledby":`overview-title`,children:[(0,j.jsxs)(`div`,{className:r.head,children:[(0,j.jsx)(s,{as:`h1`,id:`overview-title`,children:`Overview`}),(0,j.jsxs)(`span`,{className:r.caption,children:[`Open means active or in progress. Times in `,C(b),`.`]})]}),_?(0,j.jsxs)(`div`,{className:r.grid,children:[(0,j.jsxs)(B,{title:`Active incidents`,id:`incidents`,children:[(0,j.jsx)(p,{to:L({show:`incidents`,status:[...N]}),className:r.big,"data-count":`open incidents`,children:_.incidentsOpen.totalCount}),(0,j.jsx)(`div`,{className:r.caption,children:`incidents active or in progress`}),(0,j.jsx)(`ul`,{className:r.rows,children:ie.map(([e,t,n])=>(0,j.jsxs)(`li`,{className:r.row,children:[(0,j.jsxs)(`span`,{className:r.rowName,children:[(0,j.jsx)(f,{severity:t[0]}),t.length>1&&` and informational`]}),(0,j.jsx)(V,{to:L({show:`incidents`,status:[...N],severity:t}),value:n??0,label:`open ${e.toLowerCase()} incidents`})]},e))})]}),(0,j.jsxs)(B,{title:`Security alerts`,id:`alerts`,children:[(0,j.jsx)(p,{to:L({show:`alerts`,status:[...N]}),className:r.big,"data-count":`open alerts`,children:_.alertsOpen.totalCount}),(0,j.jsx)(`div`,{className:r.caption,children:`alerts active or in progress, by severity`}),(0,j.jsx)(`ul`,{className:r.rows,children:ae.map(([e,t])=>(0,j.jsxs)(`li`,{className:r.row,children:[(0,j.jsx)(`span`,{className:r.rowName,children:(0,j.jsx)(f,{severity:e})}),(0,j.jsx)(V,{to:L({show:`alerts`,status:[...N],severity:[e]}),value:t??0,label:`open ${e.toLowerCase()} alerts`})]},e))})]}),(0,j.jsx)(B,{title:`Alerts by resource category`,id:`categories`,children:(0,j.jsx)(`ul`,{className:r.rows,children:Q.map(([e,t])=>(0,j.jsxs)(`li`,{className:r.row,children:[(0,j.jsx)(`span`,{className:r.rowName,children:n(e)}),(0,j.jsx)(`span`,{className:r.barCell,"aria-hidden":!0,children:(0,j.jsx)(`div`,{className:r.bar,style:{width:`${100*t/oe}%`}})}),(0,j.jsx)(V,{to:L({show:`alerts`,category:[e]}),value:t,label:`alerts on ${n(e)}`})]},e))})}),(0,j.jsx)(B,{title:`Most attacked resources`,id:`resources`,actions:(0,j.jsx)(p,{to:`/resources`,children:`All resources`}),children:$.length?(0,j.jsx)(`ul`,{className:r.rows,children:$.map(e=>(0,j.jsxs)(`li`,{className:r.row,"data-resource":e.name,children:[(0,j.jsx)(`span`,{className:r.rowName,title:`${e.type} · ${n(e.category)}`,children:(0,j.jsx)(p,{to:`/resources/${encodeURIComponent(e.id)}`,children:e.name})}),(0,j.jsx)(`span`,{className:r.barCell,"aria-hidden":!0,children:(0,j.jsx)(`div`,{className:r.bar,style:{width:`${100*e.alerts.totalCount/se}%`}})}),(0,j.jsx)(V,{to:L({resource:e.id}),value:e.alerts.totalCount,label:`alerts on ${e.name}`})]},e.id))}):(0,j.jsx)(`p`,{className:r.caption,children:`No resource has alerts yet.`})}),(0,j.jsxs)(B,{title:`Alerts over time`,id:`timeline`,className:r.wide,actions:(0,j.jsxs)(j.Fragment,{children:[J!==null&&(0,j.jsxs)(p,{to:L({show:`alerts`,range:`custom`,from:X,to:Z}),"data-count":`alerts in the chart`,children:[J,` alerts`]}),(0,j.jsx)(u,{label:`Chart range`,options:O,value:d,optionLabel:e=>z[e],onChange:e=>v(e===`all`?`/`:`/?range=${e}`,{replace:!0})})]}),children:[(0,j.jsx)(`div`,{className:r.chartBox,children:W.error?(0,j.jsx)(i,{error:W.error,title:`Could not load the chart`}):q?(0,j.jsx)(M,{buckets:q,stepMs:H.stepMs,offsetMinutes:b,dark:t,label:`Alerts per ${H.bucket===`DAY`?`day`:`hour`} by severity, ${z[d].toLowerCase()}: ${J} alerts`,onPick:e=>v(L({show:`alerts`,range:`custom`,...ne(e.start,H.stepMs)}))}):(0,j.jsx)(o,{label:`Loading the chart…`})}),q&&q.length>0&&(0,j.jsxs)(`div`,{className:r.caption,"data-testid":`chart-span`,children:[E(q[0].start,H.stepMs,b),` – `,E(q[q.length-1].start,H.stepMs,b),` (`,C(b),`)`,d===`all`&&Y>(J??0)&&` · the days that hold most alerts; ${Y-(J??0)} more lie outside`]}),(0,j.jsx)(`div`,{className:r.legend,children:k.map(e=>(0,j.jsxs)(p,{to:L({show:`alerts`,severity:[e.key.toUpperCase()],range:`custom`,from:X,to:Z}),children:[(0,j.jsx)(`span`,{className:r.swatch,style:{backgroundColor:e.color},"aria-hidden":!0}),e.label,`: `,q?q.reduce((t,n)=>t+n[e.key],0):`…`]},e.key))})]})]}):(0,j.jsx)(o,{label:`Loading the overview…`})]})})}export{H as default,L as listLink};
const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/TimelineChart-BYqMoiM-.js","assets/index-DzLebIPr.js","assets/index-C4ecpnyG.css","assets/timeline-5cxCEmLI.js","assets/TimelineChart-CnsZ1jie.css"])))=>i.map(i=>d[i]);
import{B as e,E as t,F as n,I as r,M as i,N as a,O as o,T as s,Xt as c,Yt as l,Zt as u,_ as d,bt as f,en as p,f as m,g as h,i as g,l as ee,p as te,rn as _,s as v,u as y,v as b,x,y as S}from"./index-DzLebIPr.js";import{a as ne,c as C,n as w,o as T,r as E,s as D,t as O}from"./timeline-5cxCEmLI.js";import{SERIES as re}from"./TimelineChart-BYqMoiM-.js";var k=_(p(),1),A=_(c(),1),j=a(()=>h(()=>import(`./TimelineChart-BYqMoiM-.js`),__vite__mapDeps([0,1,2,3,4])),`Loading the chart…`),M=[`ACTIVE`,`IN_PROGRESS`],N=o(`
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
`),P=o(`
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
`),F=l({page:{padding:`16px 24px 48px`,boxSizing:`border-box`,overflow:`auto`,height:`100%`},head:{display:`flex`,alignItems:`baseline`,gap:`16px`,marginBottom:`16px`},grid:{display:`grid`,gridTemplateColumns:`repeat(auto-fill, minmax(320px, 1fr))`,gap:`16px`},wide:{gridColumn:`1 / -1`},tile:{padding:`12px 16px`,backgroundColor:f.colorNeutralBackground1,border:`1px solid ${f.colorNeutralStroke2}`,borderRadius:f.borderRadiusMedium,minHeight:`180px`,boxSizing:`border-box`},tileHead:{display:`flex`,alignItems:`center`,gap:`12px`,marginBottom:`8px`,minHeight:`32px`},tileTitle:{fontSize:f.fontSizeBase400,fontWeight:f.fontWeightSemibold,margin:0,flex:1},big:{fontSize:`32px`,fontWeight:f.fontWeightSemibold,lineHeight:`40px`,display:`inline-block`},caption:{color:f.colorNeutralForeground3,fontSize:f.fontSizeBase200},rows:{listStyle:`none`,margin:`8px 0 0`,padding:0,display:`flex`,flexDirection:`column`,gap:`4px`},row:{display:`flex`,alignItems:`center`,gap:`8px`,minHeight:`24px`},rowName:{flex:1,minWidth:0,overflow:`hidden`,textOverflow:`ellipsis`,whiteSpace:`nowrap`},num:{fontVariantNumeric:`tabular-nums`,minWidth:`48px`,textAlign:`right`},bar:{height:`6px`,borderRadius:`3px`,backgroundColor:f.colorBrandBackground,minWidth:`2px`},barCell:{width:`120px`,flexShrink:0},legend:{display:`flex`,gap:`16px`,flexWrap:`wrap`,marginTop:`8px`,fontSize:f.fontSizeBase200},swatch:{display:`inline-block`,width:`10px`,height:`10px`,marginRight:`6px`,borderRadius:`2px`},chartBox:{minHeight:`220px`}});function I(e){return`/alerts${b({...d,...e})}`}var L={SERVERS:`servers`,NATIVE_COMPUTE:`nativeCompute`,DATA_SERVICES:`dataServices`,SERVICE_LAYER:`serviceLayer`,PARTNER:`partner`,OTHER:`other`},R={"7d":`Last 7 days`,"30d":`Last 30 days`,all:`All (the days with alerts)`};function z({title:e,id:t,actions:n,children:r,className:i}){let a=F();return(0,A.jsxs)(`section`,{className:u(a.tile,i),"aria-labelledby":`${t}-title`,"data-tile":t,children:[(0,A.jsxs)(`div`,{className:a.tileHead,children:[(0,A.jsx)(`h2`,{className:a.tileTitle,id:`${t}-title`,children:e}),n]}),r]})}function B({to:e,value:t,label:n}){let r=F();return(0,A.jsx)(y,{to:e,className:r.num,"aria-label":`${t} ${n}`,"data-count":n,children:t})}function V({dark:a}){let o=F();ee(`Overview`);let c=te(),l=new URLSearchParams(c.search).get(`range`),u=O.includes(l??``)?l:`all`,[d,f]=i({query:N,requestPolicy:`cache-and-network`}),p=d.data,h=C(),_=(0,k.useMemo)(()=>{let e=p?.oldest.edges?.[0]?.node?.startTime,t=p?.newest.edges?.[0]?.node?.startTime,n=e?x(e):null,r=t?x(t):null;return n&&r?{min:n.getTime(),max:r.getTime()}:null},[p?.oldest,p?.newest]),b=Math.floor(Date.now()/6e4),V=(0,k.useMemo)(()=>D(u,b*6e4,h,_),[u,b,h,_]),H=(0,k.useMemo)(()=>T(u===`all`?D(u,b*6e4,h,_,3):V),[u,b,h,_,V]),[U]=i({query:P,variables:{from:H[0].from,to:H[0].to,from2:H[1]?.from??H[0].from,to2:H[1]?.to??H[0].to,from3:H[2]?.from??H[0].from,to3:H[2]?.to??H[0].to,with2:H.length>1,with3:H.length>2,bucket:V.bucket,offsetMinutes:h},pause:!p}),W=U.data,G=(0,k.useMemo)(()=>W?[...W.earliest??[],...W.earlier??[],...W.alertTimeline]:null,[W]),K=(0,k.useMemo)(()=>{if(!G||u!==`all`)return G;let e=ne(G.map(e=>e.count));return e?G.slice(e[0],e[1]+1):G},[G,u]),q=K?.reduce((e,t)=>e+t.count,0)??null,J=G?.reduce((e,t)=>e+t.count,0)??0,Y=K?.length?K[0].start:V.from,ie=K?.length?new Date(Date.parse(K[K.length-1].start)+V.stepMs).toISOString():V.to,X=new Date(Date.parse(ie)-1).toISOString();if(!p&&d.error)return(0,A.jsx)(`div`,{className:o.page,children:(0,A.jsx)(n,{error:d.error,title:`Could not load the overview`,onRetry:()=>f({requestPolicy:`network-only`})})});let Z=[[`High`,[`HIGH`],p?.incidentsHigh.totalCount],[`Medium`,[`MEDIUM`],p?.incidentsMedium.totalCount],[`Low and informational`,[`LOW`,`INFORMATIONAL`],p?.incidentsLow.totalCount]],ae=[[`HIGH`,p?.alertsHigh.totalCount],[`MEDIUM`,p?.alertsMedium.totalCount],[`LOW`,p?.alertsLow.totalCount],[`INFORMATIONAL`,p?.alertsInformational.totalCount]],Q=s.map(e=>[e,p?p[L[e]].totalCount:0]).filter(([e,t])=>e!==`OTHER`||t>0),oe=Math.max(1,...Q.map(([,e])=>e)),$=(p?.topResources.edges??[]).flatMap(e=>e?.node&&e.node.alerts.totalCount>0?[e.node]:[]),se=Math.max(1,...$.map(e=>e.alerts.totalCount));return(0,A.jsx)(`div`,{className:o.page,children:(0,A.jsxs)(`section`,{"aria-labelledby":`overview-title`,children:[(0,A.jsxs)(`div`,{className:o.head,children:[(0,A.jsx)(e,{as:`h1`,id:`overview-title`,children:`Overview`}),(0,A.jsxs)(`span`,{className:o.caption,children:[`Open means active or in progress. Times in `,S(h),`.`]})]}),p?(0,A.jsxs)(`div`,{className:o.grid,children:[(0,A.jsxs)(z,{title:`Active incidents`,id:`incidents`,children:[(0,A.jsx)(y,{to:I({show:`incidents`,status:[...M]}),className:o.big,"data-count":`open incidents`,children:p.incidentsOpen.totalCount}),(0,A.jsx)(`div`,{className:o.caption,children:`incidents active or in progress`}),(0,A.jsx)(`ul`,{className:o.rows,children:Z.map(([e,t,n])=>(0,A.jsxs)(`li`,{className:o.row,children:[(0,A.jsxs)(`span`,{className:o.rowName,children:[(0,A.jsx)(v,{severity:t[0]}),t.length>1&&` and informational`]}),(0,A.jsx)(B,{to:I({show:`incidents`,status:[...M],severity:t}),value:n??0,label:`open ${e.toLowerCase()} incidents`})]},e))})]}),(0,A.jsxs)(z,{title:`Security alerts`,id:`alerts`,children:[(0,A.jsx)(y,{to:I({show:`alerts`,status:[...M]}),className:o.big,"data-count":`open alerts`,children:p.alertsOpen.totalCount}),(0,A.jsx)(`div`,{className:o.caption,children:`alerts active or in progress, by severity`}),(0,A.jsx)(`ul`,{className:o.rows,children:ae.map(([e,t])=>(0,A.jsxs)(`li`,{className:o.row,children:[(0,A.jsx)(`span`,{className:o.rowName,children:(0,A.jsx)(v,{severity:e})}),(0,A.jsx)(B,{to:I({show:`alerts`,status:[...M],severity:[e]}),value:t??0,label:`open ${e.toLowerCase()} alerts`})]},e))})]}),(0,A.jsx)(z,{title:`Alerts by resource category`,id:`categories`,children:(0,A.jsx)(`ul`,{className:o.rows,children:Q.map(([e,n])=>(0,A.jsxs)(`li`,{className:o.row,children:[(0,A.jsx)(`span`,{className:o.rowName,children:t(e)}),(0,A.jsx)(`span`,{className:o.barCell,"aria-hidden":!0,children:(0,A.jsx)(`div`,{className:o.bar,style:{width:`${100*n/oe}%`}})}),(0,A.jsx)(B,{to:I({show:`alerts`,category:[e]}),value:n,label:`alerts on ${t(e)}`})]},e))})}),(0,A.jsx)(z,{title:`Most attacked resources`,id:`resources`,actions:(0,A.jsx)(y,{to:`/resources`,children:`All resources`}),children:$.length?(0,A.jsx)(`ul`,{className:o.rows,children:$.map(e=>(0,A.jsxs)(`li`,{className:o.row,"data-resource":e.name,children:[(0,A.jsx)(`span`,{className:o.rowName,title:`${e.type} · ${t(e.category)}`,children:(0,A.jsx)(y,{to:`/resources/${encodeURIComponent(e.id)}`,children:e.name})}),(0,A.jsx)(`span`,{className:o.barCell,"aria-hidden":!0,children:(0,A.jsx)(`div`,{className:o.bar,style:{width:`${100*e.alerts.totalCount/se}%`}})}),(0,A.jsx)(B,{to:I({resource:e.id}),value:e.alerts.totalCount,label:`alerts on ${e.name}`})]},e.id))}):(0,A.jsx)(`p`,{className:o.caption,children:`No resource has alerts yet.`})}),(0,A.jsxs)(z,{title:`Alerts over time`,id:`timeline`,className:o.wide,actions:(0,A.jsxs)(A.Fragment,{children:[q!==null&&(0,A.jsxs)(y,{to:I({show:`alerts`,range:`custom`,from:Y,to:X}),"data-count":`alerts in the chart`,children:[q,` alerts`]}),(0,A.jsx)(g,{label:`Chart range`,options:O,value:u,optionLabel:e=>R[e],onChange:e=>m(e===`all`?`/`:`/?range=${e}`,{replace:!0})})]}),children:[(0,A.jsx)(`div`,{className:o.chartBox,children:U.error?(0,A.jsx)(n,{error:U.error,title:`Could not load the chart`}):K?(0,A.jsx)(j,{buckets:K,stepMs:V.stepMs,offsetMinutes:h,dark:a,label:`Alerts per ${V.bucket===`DAY`?`day`:`hour`} by severity, ${R[u].toLowerCase()}: ${q} alerts`,onPick:e=>m(I({show:`alerts`,range:`custom`,...E(e.start,V.stepMs)}))}):(0,A.jsx)(r,{label:`Loading the chart…`})}),K&&K.length>0&&(0,A.jsxs)(`div`,{className:o.caption,"data-testid":`chart-span`,children:[w(K[0].start,V.stepMs,h),` – `,w(K[K.length-1].start,V.stepMs,h),` (`,S(h),`)`,u===`all`&&J>(q??0)&&` · the days that hold most alerts; ${J-(q??0)} more lie outside`]}),(0,A.jsx)(`div`,{className:o.legend,children:re.map(e=>(0,A.jsxs)(y,{to:I({show:`alerts`,severity:[e.key.toUpperCase()],range:`custom`,from:Y,to:X}),children:[(0,A.jsx)(`span`,{className:o.swatch,style:{backgroundColor:e.color},"aria-hidden":!0}),e.label,`: `,K?K.reduce((t,n)=>t+n[e.key],0):`…`]},e.key))})]})]}):(0,A.jsx)(r,{label:`Loading the overview…`})]})})}export{V as default,I as listLink};
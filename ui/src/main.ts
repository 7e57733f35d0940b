import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import 'element-plus/dist/index.css'
import './style.css'
import App from './App.vue'

// Start-up marks (read by the window test, visible in the web inspector): the bundle has been
// evaluated here; useApp marks when the session answered.
performance.mark('jianpai:bundle-evaluated')

createApp(App).use(ElementPlus, { locale: zhCn }).mount('#app')

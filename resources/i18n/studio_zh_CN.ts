<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../studio/gui/widgets/about.py" line="12"/>
        <source>About Studio</source>
        <translation>关于 Studio</translation>
    </message>
    <message>
        <location filename="../../studio/gui/widgets/about.py" line="14"/>
        <source>&lt;h2&gt;Studio {0}&lt;/h2&gt;&lt;p&gt;Photo and video repair, face generation and model training.&lt;/p&gt;&lt;p&gt;Compute device: {1}&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Studio {0}&lt;/h2&gt;&lt;p&gt;照片与视频修复、人脸生成和模型训练。&lt;/p&gt;&lt;p&gt;计算设备：{1}&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../studio/gui/widgets/about.py" line="20"/>
        <source>Face models trained on CelebA inherit its terms: CelebA is available for non-commercial research purposes only, and its images are not the property of the dataset&apos;s authors. Generated faces are marked as AI-generated in their metadata.</source>
        <translation>基于 CelebA 训练的人脸模型沿用其使用条款：CelebA 仅可用于非商业研究目的，其图像的版权不属于数据集作者。生成的人脸会在元数据中标注为 AI 生成。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/widgets/about.py" line="37"/>
        <source>No models installed.</source>
        <translation>未安装任何模型。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/widgets/about.py" line="37"/>
        <location filename="../../studio/gui/widgets/about.py" line="45"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
</context>
<context>
    <name>BatchDialog</name>
    <message>
        <location filename="../../studio/gui/panels/batch_dialog.py" line="36"/>
        <source>Repair a Folder</source>
        <translation>修复整个文件夹</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/batch_dialog.py" line="41"/>
        <source>optional: one mask for every photo (same size)</source>
        <translation>可选：所有照片共用一个蒙版（尺寸相同）</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/batch_dialog.py" line="47"/>
        <source>Detect dust, spots and scratches automatically</source>
        <translation>自动检测灰尘、斑点和划痕</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/batch_dialog.py" line="49"/>
        <source>Replace outputs that already exist</source>
        <translation>覆盖已存在的输出文件</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/batch_dialog.py" line="51"/>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/batch_dialog.py" line="51"/>
        <source>Save to</source>
        <translation>保存到</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/batch_dialog.py" line="52"/>
        <source>Mask</source>
        <translation>蒙版</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/batch_dialog.py" line="55"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/batch_dialog.py" line="59"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/batch_dialog.py" line="63"/>
        <source>this photo %p%</source>
        <translation>当前照片 %p%</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/batch_dialog.py" line="65"/>
        <source>%v of %m photos</source>
        <translation>%v / %m 张照片</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/batch_dialog.py" line="70"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/batch_dialog.py" line="72"/>
        <location filename="../../studio/gui/panels/batch_dialog.py" line="154"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/batch_dialog.py" line="75"/>
        <location filename="../../studio/gui/panels/batch_dialog.py" line="169"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/batch_dialog.py" line="93"/>
        <source>Choose Folder</source>
        <translation>选择文件夹</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/batch_dialog.py" line="95"/>
        <source>Choose Mask</source>
        <translation>选择蒙版</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/batch_dialog.py" line="105"/>
        <source>Choose a folder of photos and a folder to save to.</source>
        <translation>请选择照片文件夹和保存文件夹。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/batch_dialog.py" line="108"/>
        <source>Choose a mask, or let Studio detect the damage.</source>
        <translation>请选择蒙版，或让 Studio 自动检测损伤。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/batch_dialog.py" line="121"/>
        <source>Batch failed: {0}</source>
        <translation>批量处理失败：{0}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/batch_dialog.py" line="123"/>
        <source>Cancelled. Start again to continue: finished photos are skipped.</source>
        <translation>已取消。再次开始即可继续：已完成的照片会被跳过。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/batch_dialog.py" line="127"/>
        <source>Repairing folder</source>
        <translation>正在修复文件夹</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/batch_dialog.py" line="142"/>
        <source>{0} · {1} left</source>
        <translation>{0} · 剩余 {1}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/batch_dialog.py" line="145"/>
        <source>Repaired {0}, skipped {1} already done, failed {2}.</source>
        <translation>已修复 {0} 张，跳过已完成的 {1} 张，失败 {2} 张。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/batch_dialog.py" line="154"/>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/batch_dialog.py" line="156"/>
        <source>Paused after the current photo.</source>
        <translation>将在当前照片完成后暂停。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/batch_dialog.py" line="169"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>DataBox</name>
    <message>
        <location filename="../../studio/gui/panels/training_data.py" line="41"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_data.py" line="46"/>
        <source>Folder of images, e.g. CelebA&apos;s img_align_celeba</source>
        <translation>图像文件夹，例如 CelebA 的 img_align_celeba</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_data.py" line="48"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_data.py" line="50"/>
        <source>No dataset chosen</source>
        <translation>尚未选择数据集</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_data.py" line="64"/>
        <source>Unreadable and too-small files and all but one of each set of copies are not trained on; the run records which</source>
        <translation>不训练无法读取和过小的文件，每组副本只保留一份；训练记录中会列出被排除的文件</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_data.py" line="82"/>
        <source>Could not check the data: {0}</source>
        <translation>无法检查数据：{0}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_data.py" line="88"/>
        <source>Training Images</source>
        <translation>训练图像</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_data.py" line="100"/>
        <source>Folder not found</source>
        <translation>找不到文件夹</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_data.py" line="103"/>
        <source>Counting images…</source>
        <translation>正在统计图像…</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_data.py" line="108"/>
        <source>{0} images</source>
        <translation>{0} 张图像</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_data.py" line="125"/>
        <source>Checking the images…</source>
        <translation>正在检查图像…</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_data.py" line="134"/>
        <source>{0} unreadable</source>
        <translation>{0} 个无法读取</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_data.py" line="135"/>
        <source>{0} sets of exact copies</source>
        <translation>{0} 组完全相同的副本</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_data.py" line="136"/>
        <source>{0} sets of near copies</source>
        <translation>{0} 组近似副本</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_data.py" line="137"/>
        <source>{0} copies across the held-out split</source>
        <translation>{0} 组副本跨越训练/保留集</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_data.py" line="138"/>
        <source>{0} smaller than {1} px</source>
        <translation>{0} 个小于 {1} 像素</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_data.py" line="139"/>
        <source>{0} with an extreme aspect ratio</source>
        <translation>{0} 个宽高比异常</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_data.py" line="143"/>
        <source>{0:.0%} greyscale</source>
        <translation>{0:.0%} 为灰度图</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_data.py" line="144"/>
        <source>Checked: </source>
        <translation>检查结果：</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_data.py" line="144"/>
        <source>Checked: no problems found.</source>
        <translation>检查结果：未发现问题。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_data.py" line="147"/>
        <source>Leave these out ({0} files)</source>
        <translation>排除这些文件（{0} 个）</translation>
    </message>
</context>
<context>
    <name>EnhanceBox</name>
    <message>
        <location filename="../../studio/gui/panels/video_enhance.py" line="21"/>
        <source>Enhance</source>
        <translation>增强</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_enhance.py" line="24"/>
        <source>Removes grain and noise using the neighbouring frames</source>
        <translation>利用相邻帧去除颗粒和噪点</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_enhance.py" line="25"/>
        <source>Crisper edges; grain is left alone</source>
        <translation>边缘更清晰；颗粒不会被放大</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_enhance.py" line="26"/>
        <source>Steadies a shaky camera; the picture is zoomed in slightly to hide the moving borders</source>
        <translation>稳定抖动的镜头；画面会略微放大以隐藏移动的边缘</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_enhance.py" line="28"/>
        <source>Deflicker</source>
        <translation>去闪烁</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_enhance.py" line="29"/>
        <source>Evens out brightness and colour that jump from frame to frame</source>
        <translation>消除帧与帧之间亮度和颜色的跳动</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_enhance.py" line="33"/>
        <source>Original size</source>
        <translation>原始尺寸</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_enhance.py" line="36"/>
        <source>Keep</source>
        <translation>保持不变</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_enhance.py" line="38"/>
        <source>{0} frames/s</source>
        <translation>{0} 帧/秒</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_enhance.py" line="39"/>
        <source>New frames are made from the motion between the old ones; the duration and sound stay the same</source>
        <translation>根据原有帧之间的运动生成新帧；时长和声音保持不变</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_enhance.py" line="42"/>
        <source>Denoise</source>
        <translation>降噪</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_enhance.py" line="43"/>
        <source>Sharpen</source>
        <translation>锐化</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_enhance.py" line="44"/>
        <source>Stabilise</source>
        <translation>防抖</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_enhance.py" line="46"/>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_enhance.py" line="47"/>
        <source>Frame rate</source>
        <translation>帧率</translation>
    </message>
</context>
<context>
    <name>ExploreDialog</name>
    <message>
        <location filename="../../studio/gui/panels/faces_explore.py" line="29"/>
        <source>Explore Seed {0}</source>
        <translation>探索种子 {0}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_explore.py" line="33"/>
        <source>Finding the generator&apos;s main directions…</source>
        <translation>正在寻找生成器的主要变化方向…</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_explore.py" line="52"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_explore.py" line="54"/>
        <source>Each slider moves the face along one of the ways this model&apos;s faces vary most. Name a direction once you see what it does; the names are kept with the model.</source>
        <translation>每个滑块沿着该模型人脸变化最大的一个方向移动这张脸。看清某个方向的作用后可以为它命名；名称会随模型保存。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_explore.py" line="86"/>
        <source>Direction {0} ({1:.1%})</source>
        <translation>方向 {0}（{1:.1%}）</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_explore.py" line="90"/>
        <source>±{0:g} spreads of the model&apos;s faces along this direction</source>
        <translation>沿此方向 ±{0:g} 个模型人脸的标准差</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../studio/gui/panels/faces_export.py" line="22"/>
        <source>Export Faces</source>
        <translation>导出人脸</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_export.py" line="38"/>
        <source>Native</source>
        <translation>原始尺寸</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_export.py" line="39"/>
        <source>Upscaled ×2</source>
        <translation>放大 ×2</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_export.py" line="40"/>
        <source>Upscaled ×4</source>
        <translation>放大 ×4</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_export.py" line="42"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_export.py" line="48"/>
        <source>Number of faces</source>
        <translation>人脸数量</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_export.py" line="49"/>
        <source>First seed</source>
        <translation>起始种子</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_export.py" line="50"/>
        <source>Truncation</source>
        <translation>截断</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_export.py" line="51"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_export.py" line="52"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_export.py" line="53"/>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_export.py" line="54"/>
        <source>Existing files are skipped, so an interrupted export continues. Every image is marked as AI-generated in its metadata and in metadata.csv.</source>
        <translation>已存在的文件会被跳过，因此中断的导出可以继续。每张图像都会在元数据和 metadata.csv 中标注为 AI 生成。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_export.py" line="64"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_export.py" line="67"/>
        <location filename="../../studio/gui/panels/faces_export.py" line="133"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_export.py" line="81"/>
        <source>Output Folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_export.py" line="90"/>
        <source>Choose an output folder.</source>
        <translation>请选择输出文件夹。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_export.py" line="102"/>
        <source>Wrote {0} faces, skipped {1} existing, in {2}.</source>
        <translation>已写入 {0} 张人脸，跳过已存在的 {1} 张，用时 {2}。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_export.py" line="104"/>
        <source>Export failed: {0}</source>
        <translation>导出失败：{0}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_export.py" line="105"/>
        <source>Cancelled. Export again to continue where it stopped.</source>
        <translation>已取消。再次导出即可从中断处继续。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_export.py" line="109"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_export.py" line="113"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_export.py" line="116"/>
        <source>Exporting faces</source>
        <translation>正在导出人脸</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_export.py" line="128"/>
        <source>{0} of {1} · {2:.0f} faces/s · {3} left</source>
        <translation>{0} / {1} · {2:.0f} 张/秒 · 剩余 {3}</translation>
    </message>
</context>
<context>
    <name>FaceTile</name>
    <message>
        <location filename="../../studio/gui/panels/faces_panel.py" line="51"/>
        <source>seed {0}</source>
        <translation>种子 {0}</translation>
    </message>
</context>
<context>
    <name>FacesPanel</name>
    <message>
        <location filename="../../studio/gui/panels/faces_panel.py" line="94"/>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_panel.py" line="95"/>
        <source>Add a .safetensors face model (checked, never unpickled)</source>
        <translation>添加 .safetensors 人脸模型（会经过校验，绝不反序列化 pickle）</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_panel.py" line="103"/>
        <source>Seed of the first face; the others follow it</source>
        <translation>第一张人脸的种子；其余依次递增</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_panel.py" line="105"/>
        <source>New Faces</source>
        <translation>换一批人脸</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_panel.py" line="115"/>
        <source>Export Many…</source>
        <translation>批量导出…</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_panel.py" line="126"/>
        <source>Click a face to see it large.</source>
        <translation>点击人脸可查看大图。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_panel.py" line="130"/>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_panel.py" line="132"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_panel.py" line="134"/>
        <source>Set as A</source>
        <translation>设为 A</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_panel.py" line="136"/>
        <source>Set as B</source>
        <translation>设为 B</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_panel.py" line="138"/>
        <source>Explore…</source>
        <translation>探索…</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_panel.py" line="139"/>
        <source>Move this face along the model&apos;s main directions of variation</source>
        <translation>沿模型的主要变化方向移动这张脸</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_panel.py" line="149"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_panel.py" line="153"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_panel.py" line="155"/>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_panel.py" line="159"/>
        <source>Truncation</source>
        <translation>截断</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_panel.py" line="165"/>
        <source>Face</source>
        <translation>人脸</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_panel.py" line="221"/>
        <source>No face model yet: train one in the Training tab or import a .safetensors file.</source>
        <translation>还没有人脸模型：请在“训练”页训练一个，或导入 .safetensors 文件。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_panel.py" line="236"/>
        <source>Import Face Model</source>
        <translation>导入人脸模型</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_panel.py" line="237"/>
        <source>Safetensors models (*.safetensors)</source>
        <translation>Safetensors 模型 (*.safetensors)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_panel.py" line="244"/>
        <source>Imported {0}</source>
        <translation>已导入 {0}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_panel.py" line="245"/>
        <source>Could not import: {0}</source>
        <translation>无法导入：{0}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_panel.py" line="79"/>
        <source>Could not generate: {0}</source>
        <translation>无法生成：{0}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_panel.py" line="110"/>
        <source>Lower values redraw extreme latent values: fewer odd faces, a little less variety</source>
        <translation>数值越低，越会重新抽取极端的潜变量值：怪异的人脸更少，多样性略有降低</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_panel.py" line="346"/>
        <source>Seed {0} · truncation {1:.2f} · {2}</source>
        <translation>种子 {0} · 截断 {1:.2f} · {2}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_panel.py" line="367"/>
        <source>Copied seed {0}</source>
        <translation>已复制种子 {0}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_panel.py" line="373"/>
        <source>Save Face</source>
        <translation>保存人脸</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_panel.py" line="375"/>
        <source>Images (*.png *.jpg *.webp)</source>
        <translation>图像 (*.png *.jpg *.webp)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_panel.py" line="385"/>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
</context>
<context>
    <name>FramePreview</name>
    <message>
        <location filename="../../studio/gui/panels/video_preview.py" line="28"/>
        <source>Preview failed: {0}</source>
        <translation>预览失败：{0}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_preview.py" line="65"/>
        <source>Preview of frame {0}: original left, processed right</source>
        <translation>第 {0} 帧预览：左侧原始，右侧处理后</translation>
    </message>
</context>
<context>
    <name>ImageCanvas</name>
    <message>
        <location filename="../../studio/gui/widgets/canvas.py" line="391"/>
        <source>Before</source>
        <translation>修复前</translation>
    </message>
    <message>
        <location filename="../../studio/gui/widgets/canvas.py" line="392"/>
        <source>After</source>
        <translation>修复后</translation>
    </message>
</context>
<context>
    <name>InspectDialog</name>
    <message>
        <location filename="../../studio/gui/widgets/inspect_dialog.py" line="29"/>
        <source>Inspect Files</source>
        <translation>检查文件</translation>
    </message>
    <message>
        <location filename="../../studio/gui/widgets/inspect_dialog.py" line="31"/>
        <source>Reading {0} file(s)…</source>
        <translation>正在读取 {0} 个文件…</translation>
    </message>
    <message>
        <location filename="../../studio/gui/widgets/inspect_dialog.py" line="43"/>
        <source>Could not inspect: {0}</source>
        <translation>无法检查：{0}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/widgets/inspect_dialog.py" line="49"/>
        <source>{0} of {1} file(s) say a trained model made or changed them.</source>
        <translation>{1} 个文件中有 {0} 个声明由训练模型生成或修改。</translation>
    </message>
</context>
<context>
    <name>Jobs</name>
    <message>
        <location filename="../../studio/gui/jobs.py" line="26"/>
        <source>Not enough memory for this job.</source>
        <translation>内存不足，无法完成此任务。</translation>
    </message>
</context>
<context>
    <name>Kinds</name>
    <message>
        <location filename="../../studio/gui/core_text.py" line="26"/>
        <source>Face generator (DCGAN)</source>
        <translation>人脸生成器 (DCGAN)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/core_text.py" line="27"/>
        <source>Photo repair (inpainting)</source>
        <translation>照片修复（图像修补）</translation>
    </message>
    <message>
        <location filename="../../studio/gui/core_text.py" line="28"/>
        <source>Damage detection</source>
        <translation>瑕疵检测</translation>
    </message>
    <message>
        <location filename="../../studio/gui/core_text.py" line="29"/>
        <source>Losses</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../../studio/gui/core_text.py" line="30"/>
        <source>Discriminator outputs</source>
        <translation>判别器输出</translation>
    </message>
    <message>
        <location filename="../../studio/gui/core_text.py" line="31"/>
        <source>Sliced Wasserstein distance (lower is better)</source>
        <translation>切片 Wasserstein 距离（越低越好）</translation>
    </message>
    <message>
        <location filename="../../studio/gui/core_text.py" line="32"/>
        <source>PSNR inside the holes, validation photos (higher is better)</source>
        <translation>孔洞内 PSNR，验证照片（越高越好）</translation>
    </message>
    <message>
        <location filename="../../studio/gui/core_text.py" line="33"/>
        <source>Held-out crops with rendered damage (higher is better)</source>
        <translation>留出的带渲染瑕疵的裁剪图（越高越好）</translation>
    </message>
    <message>
        <location filename="../../studio/gui/core_text.py" line="34"/>
        <source>Clean pixels marked (lower is better)</source>
        <translation>被标记的干净像素（越低越好）</translation>
    </message>
    <message>
        <location filename="../../studio/gui/core_text.py" line="35"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../../studio/gui/core_text.py" line="36"/>
        <source>loss G</source>
        <translation>生成器损失</translation>
    </message>
    <message>
        <location filename="../../studio/gui/core_text.py" line="37"/>
        <source>loss D</source>
        <translation>判别器损失</translation>
    </message>
    <message>
        <location filename="../../studio/gui/core_text.py" line="38"/>
        <source>L1 in holes</source>
        <translation>孔洞内 L1</translation>
    </message>
    <message>
        <location filename="../../studio/gui/core_text.py" line="39"/>
        <source>Studio</source>
        <translation>Studio</translation>
    </message>
    <message>
        <location filename="../../studio/gui/core_text.py" line="40"/>
        <source>OpenCV Telea</source>
        <translation>OpenCV Telea</translation>
    </message>
    <message>
        <location filename="../../studio/gui/core_text.py" line="41"/>
        <source>OpenCV Navier–Stokes</source>
        <translation>OpenCV Navier–Stokes</translation>
    </message>
    <message>
        <location filename="../../studio/gui/core_text.py" line="42"/>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <location filename="../../studio/gui/core_text.py" line="43"/>
        <source>Dice</source>
        <translation>Dice</translation>
    </message>
    <message>
        <location filename="../../studio/gui/core_text.py" line="44"/>
        <source>precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <location filename="../../studio/gui/core_text.py" line="45"/>
        <source>recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <location filename="../../studio/gui/core_text.py" line="46"/>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <location filename="../../studio/gui/core_text.py" line="47"/>
        <source>share of clean pixels</source>
        <translation>干净像素占比</translation>
    </message>
</context>
<context>
    <name>LayersDialog</name>
    <message>
        <location filename="../../studio/gui/panels/training_layers.py" line="30"/>
        <source>Layers of {0}</source>
        <translation>{0} 的各层</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_layers.py" line="35"/>
        <source>Reading the newest weights…</source>
        <translation>正在读取最新权重…</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_layers.py" line="60"/>
        <source>This run has not written any weights yet.</source>
        <translation>此训练尚未写出任何权重。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_layers.py" line="70"/>
        <source>The 16 most active channels of each layer for one fixed sample, from {0}. Early layers find edges and colours; later ones, larger parts.</source>
        <translation>来自 {0}：对一个固定样本，每层最活跃的 16 个通道。前面的层识别边缘和颜色，后面的层识别更大的部分。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../studio/gui/main_window.py" line="48"/>
        <location filename="../../studio/gui/main_window.py" line="276"/>
        <location filename="../../studio/gui/main_window.py" line="288"/>
        <source>Studio</source>
        <translation>Studio</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="65"/>
        <source>Photo repair</source>
        <translation>照片修复</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="68"/>
        <source>Faces</source>
        <translation>人脸</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="71"/>
        <source>Video repair</source>
        <translation>视频修复</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="75"/>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="89"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="92"/>
        <source>Compute device (change it in Settings ▸ Compute device)</source>
        <translation>计算设备（可在“设置 ▸ 计算设备”中更改）</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="102"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="106"/>
        <source>&amp;Inspect…</source>
        <translation>检查(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="108"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="109"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="112"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="118"/>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="121"/>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="122"/>
        <source>Compute &amp;device</source>
        <translation>计算设备(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="126"/>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="126"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="133"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="136"/>
        <location filename="../../studio/gui/main_window.py" line="145"/>
        <source>Follow the System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="142"/>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="145"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="146"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="152"/>
        <source>Mark Outputs with How They Were Made</source>
        <translation>在输出中标注其制作方式</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="153"/>
        <source>Saved photos, videos and faces say in their metadata whether a trained model made or changed them</source>
        <translation>保存的照片、视频和人脸会在元数据中注明是否由训练模型生成或修改</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="158"/>
        <source>Signing &amp;Certificate…</source>
        <translation>签名证书(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="160"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="161"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="163"/>
        <source>&amp;About Studio</source>
        <translation>关于 Studio(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="180"/>
        <source>Inspect Files</source>
        <translation>检查文件</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="200"/>
        <source>The new language is used from the next start of Studio.</source>
        <translation>新语言将在下次启动 Studio 时生效。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="215"/>
        <source>CPU · threads: {0}</source>
        <translation>CPU · 线程数：{0}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="221"/>
        <source>no GPU found</source>
        <translation>未找到 GPU</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="247"/>
        <source>{0}% · {1}</source>
        <translation>{0}% · {1}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="256"/>
        <location filename="../../studio/gui/main_window.py" line="258"/>
        <source>{0} left</source>
        <translation>剩余 {0}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="278"/>
        <source>{0} has finished.</source>
        <translation>{0}已完成。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="299"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="352"/>
        <source>Damage detection on this device uses: {0}</source>
        <translation>本设备上的损伤检测使用：{0}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="355"/>
        <source>Learned repair on this device uses: {0}</source>
        <translation>本设备上的学习修复使用：{0}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="361"/>
        <source>Face generation on this device uses: {0}</source>
        <translation>本设备上的人脸生成使用：{0}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="373"/>
        <source>Pan</source>
        <translation>平移</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="373"/>
        <source>Right or middle drag, or Space + drag</source>
        <translation>右键或中键拖动，或按住空格拖动</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="374"/>
        <source>Zoom</source>
        <translation>缩放</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="374"/>
        <source>Mouse wheel</source>
        <translation>鼠标滚轮</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="375"/>
        <source>Previous / next frame</source>
        <translation>上一帧 / 下一帧</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="375"/>
        <source>Play or pause</source>
        <translation>播放或暂停</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="376"/>
        <source>First / last frame</source>
        <translation>第一帧 / 最后一帧</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="376"/>
        <source>Mark In / Mark Out</source>
        <translation>标记入点 / 出点</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="377"/>
        <source>Preview the current frame</source>
        <translation>预览当前帧</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="382"/>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../studio/gui/main_window.py" line="400"/>
        <source>Stopping jobs before closing…</source>
        <translation>关闭前正在停止任务…</translation>
    </message>
    <message>
        <location filename="../../studio/gui/signing.py" line="29"/>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation>PEM 文件 (*.pem *.crt *.key);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/signing.py" line="30"/>
        <source>Signing Certificate</source>
        <translation>签名证书</translation>
    </message>
    <message>
        <location filename="../../studio/gui/signing.py" line="32"/>
        <source>Signing Certificate Chain</source>
        <translation>签名证书链</translation>
    </message>
    <message>
        <location filename="../../studio/gui/signing.py" line="34"/>
        <source>Go back to this installation&apos;s own signing key?</source>
        <translation>改回使用本机自己的签名密钥？</translation>
    </message>
    <message>
        <location filename="../../studio/gui/signing.py" line="42"/>
        <source>Private Key of That Certificate</source>
        <translation>该证书的私钥</translation>
    </message>
</context>
<context>
    <name>MessageBanner</name>
    <message>
        <location filename="../../studio/gui/widgets/banner.py" line="22"/>
        <source>Dismiss</source>
        <translation>关闭提示</translation>
    </message>
</context>
<context>
    <name>Methods</name>
    <message>
        <location filename="../../studio/gui/core_text.py" line="8"/>
        <source>Learned (Studio)</source>
        <translation>学习模型（Studio）</translation>
    </message>
    <message>
        <location filename="../../studio/gui/core_text.py" line="9"/>
        <source>Studio&apos;s own network refines a classical fill: better on strokes, blobs and objects; hairline scratches go to Navier–Stokes.</source>
        <translation>Studio 自己训练的网络在传统填充的基础上进一步优化：对笔画、斑块和物体效果更好；极细划痕交给 Navier–Stokes。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/core_text.py" line="11"/>
        <source>Texture fill (PatchMatch)</source>
        <translation>纹理填充（PatchMatch）</translation>
    </message>
    <message>
        <location filename="../../studio/gui/core_text.py" line="12"/>
        <source>Copies texture from around the hole: best for large holes in grass, gravel, fabric or walls.</source>
        <translation>从孔洞周围复制纹理：最适合草地、碎石、织物或墙面上的大面积缺损。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/core_text.py" line="14"/>
        <source>OpenCV Telea</source>
        <translation>OpenCV Telea</translation>
    </message>
    <message>
        <location filename="../../studio/gui/core_text.py" line="15"/>
        <source>Fast marching (Telea 2004): good for thin scratches and small spots.</source>
        <translation>快速行进法（Telea 2004）：适合细划痕和小斑点。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/core_text.py" line="16"/>
        <source>OpenCV Navier–Stokes</source>
        <translation>OpenCV Navier–Stokes</translation>
    </message>
    <message>
        <location filename="../../studio/gui/core_text.py" line="17"/>
        <source>Fluid-dynamics fill (Bertalmío 2001): continues edges into thin holes.</source>
        <translation>流体力学填充（Bertalmío 2001）：把边缘延续到细小孔洞中。</translation>
    </message>
</context>
<context>
    <name>MorphBox</name>
    <message>
        <location filename="../../studio/gui/panels/faces_morph.py" line="35"/>
        <source>Interpolation</source>
        <translation>插值</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_morph.py" line="48"/>
        <source>Preview Morph</source>
        <translation>预览渐变</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_morph.py" line="49"/>
        <source>Export GIF/MP4…</source>
        <translation>导出 GIF/MP4…</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_morph.py" line="64"/>
        <source>Frames</source>
        <translation>帧数</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_morph.py" line="83"/>
        <source>seed {0}</source>
        <translation>种子 {0}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_morph.py" line="133"/>
        <source>Export Morph</source>
        <translation>导出渐变动画</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_morph.py" line="134"/>
        <source>Animated GIF (*.gif);;MP4 video (*.mp4)</source>
        <translation>GIF 动画 (*.gif);;MP4 视频 (*.mp4)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_morph.py" line="143"/>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_morph.py" line="145"/>
        <source>Exporting morph</source>
        <translation>正在导出渐变动画</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/faces_morph.py" line="150"/>
        <source>A: {0}   B: {1}</source>
        <translation>A：{0}   B：{1}</translation>
    </message>
</context>
<context>
    <name>PhotoEnhance</name>
    <message>
        <location filename="../../studio/gui/panels/repair_enhance.py" line="65"/>
        <source>Enhancing</source>
        <translation>正在增强</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_enhance.py" line="65"/>
        <source>Enhance failed: {0}</source>
        <translation>增强失败：{0}</translation>
    </message>
</context>
<context>
    <name>PhotoInsight</name>
    <message>
        <location filename="../../studio/gui/panels/photo_insight.py" line="53"/>
        <source>Damage Detector Confidence</source>
        <translation>损伤检测置信度</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/photo_insight.py" line="54"/>
        <source>What the damage detector is sure of (red) and unsure of (blue)</source>
        <translation>损伤检测器确定（红色）和不确定（蓝色）的区域</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/photo_insight.py" line="56"/>
        <source>How Holes Were Filled</source>
        <translation>各处是如何填补的</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/photo_insight.py" line="57"/>
        <source>After a repair: which method filled each hole</source>
        <translation>修复之后：每处由哪种方法填补</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/photo_insight.py" line="97"/>
        <source>Confidence needs the learned damage detector, which is not installed.</source>
        <translation>置信度需要已训练的损伤检测器，但尚未安装。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/photo_insight.py" line="101"/>
        <source>blue</source>
        <translation>蓝色</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/photo_insight.py" line="101"/>
        <source>green</source>
        <translation>绿色</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/photo_insight.py" line="101"/>
        <source>orange</source>
        <translation>橙色</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/photo_insight.py" line="101"/>
        <source>purple</source>
        <translation>紫色</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/photo_insight.py" line="101"/>
        <source>yellow</source>
        <translation>黄色</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/photo_insight.py" line="103"/>
        <source>Filled by: {0}</source>
        <translation>填补方法：{0}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/photo_insight.py" line="105"/>
        <source>Damage detector confidence: red is sure, blue is unsure</source>
        <translation>损伤检测置信度：红色表示确定，蓝色表示不确定</translation>
    </message>
</context>
<context>
    <name>RepairPanel</name>
    <message>
        <location filename="../../studio/gui/panels/repair_panel.py" line="80"/>
        <source>Zoom {0}%</source>
        <translation>缩放 {0}%</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_panel.py" line="99"/>
        <source>Open Photos…</source>
        <translation>打开照片…</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_panel.py" line="100"/>
        <source>Try the Sample Photo</source>
        <translation>试试示例照片</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_actions.py" line="14"/>
        <source>&amp;Open…</source>
        <translation>打开…(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_actions.py" line="15"/>
        <source>Open one or more photos</source>
        <translation>打开一张或多张照片</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_actions.py" line="16"/>
        <source>&amp;Save As…</source>
        <translation>另存为…(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_actions.py" line="17"/>
        <source>Save the repaired photo</source>
        <translation>保存修复后的照片</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_actions.py" line="18"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_actions.py" line="19"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_actions.py" line="20"/>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_actions.py" line="22"/>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_actions.py" line="24"/>
        <source>&amp;Fit to Window</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_actions.py" line="25"/>
        <source>&amp;Actual Size (100%)</source>
        <translation>实际大小 (100%)(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_actions.py" line="26"/>
        <source>&amp;Brush</source>
        <translation>画笔(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_actions.py" line="27"/>
        <source>Paint the damaged region (B)</source>
        <translation>涂抹受损区域（B）</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_actions.py" line="28"/>
        <source>&amp;Eraser</source>
        <translation>橡皮擦(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_actions.py" line="29"/>
        <source>Erase from the mask (E)</source>
        <translation>从蒙版中擦除（E）</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_actions.py" line="30"/>
        <source>Smaller Brush</source>
        <translation>减小画笔</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_actions.py" line="32"/>
        <source>Larger Brush</source>
        <translation>增大画笔</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_actions.py" line="34"/>
        <source>&amp;Clear Mask</source>
        <translation>清除蒙版(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_actions.py" line="35"/>
        <source>&amp;Invert Mask</source>
        <translation>反转蒙版(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_actions.py" line="36"/>
        <source>&amp;Detect Damage</source>
        <translation>检测损伤(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_actions.py" line="37"/>
        <source>Mark dust, spots and scratches automatically; review before repairing</source>
        <translation>自动标记灰尘、斑点和划痕；修复前请检查</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_actions.py" line="38"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_actions.py" line="39"/>
        <source>Apply the enhancement to the full photo</source>
        <translation>将增强效果应用到整张照片</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_actions.py" line="40"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_actions.py" line="41"/>
        <source>&amp;Load Mask…</source>
        <translation>载入蒙版…(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_actions.py" line="42"/>
        <source>Save &amp;Mask…</source>
        <translation>保存蒙版…(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_actions.py" line="43"/>
        <source>&amp;Repair</source>
        <translation>修复(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_actions.py" line="44"/>
        <source>Repair the masked region (Ctrl+R)</source>
        <translation>修复蒙版区域（Ctrl+R）</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_actions.py" line="45"/>
        <source>Res&amp;tore</source>
        <translation>修复老照片(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_actions.py" line="46"/>
        <source>Detect dust, scratches and tears, repair them and correct fading in one step (Ctrl+Shift+R)</source>
        <translation>一步完成：检测灰尘、划痕和破损，修复它们并校正褪色 (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_actions.py" line="48"/>
        <source>&amp;Compare Before/After</source>
        <translation>对比修复前后(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_actions.py" line="49"/>
        <source>Split view: original on the left, repaired on the right</source>
        <translation>分屏视图：左侧原图，右侧修复结果</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_actions.py" line="50"/>
        <source>Re&amp;vert to Original</source>
        <translation>恢复原图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_actions.py" line="51"/>
        <source>Repair a &amp;Folder…</source>
        <translation>修复整个文件夹…(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_actions.py" line="52"/>
        <source>Repair every photo in a folder, with automatic damage detection</source>
        <translation>修复文件夹中的每张照片，可自动检测损伤</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_actions.py" line="53"/>
        <source>Close &amp;Photo</source>
        <translation>关闭照片(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_panel.py" line="96"/>
        <source>&lt;h2&gt;Photo repair&lt;/h2&gt;&lt;p&gt;Drop photos here, or use &lt;b&gt;Open…&lt;/b&gt; (Ctrl+O).&lt;/p&gt;&lt;p&gt;For an old print press &lt;b&gt;Restore&lt;/b&gt;: dust, scratches and tears are found and repaired in one step. Or paint over what should go with the brush and press &lt;b&gt;Repair&lt;/b&gt;.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;照片修复&lt;/h2&gt;&lt;p&gt;把照片拖到这里，或使用&lt;b&gt;打开…&lt;/b&gt;(Ctrl+O)。&lt;/p&gt;&lt;p&gt;修复老照片请按&lt;b&gt;修复老照片&lt;/b&gt;：一步找到并修复灰尘、划痕和破损。也可以用画笔涂抹要去除的部分，然后按&lt;b&gt;修复&lt;/b&gt;。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_panel.py" line="139"/>
        <source>A sample old print. Press Restore (Ctrl+Shift+R): Studio finds the dust, scratches and tear and repairs them in one step.</source>
        <translation>一张示例老照片。按“修复老照片”(Ctrl+Shift+R)：Studio 会一步找到并修复灰尘、划痕和破损。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_panel.py" line="145"/>
        <source>Open Photos</source>
        <translation>打开照片</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_panel.py" line="146"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_panel.py" line="153"/>
        <source>No image files to open.</source>
        <translation>没有可打开的图像文件。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_panel.py" line="159"/>
        <source>Opening</source>
        <translation>正在打开</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_panel.py" line="177"/>
        <source>Could not open {0} file(s):
{1}</source>
        <translation>有 {0} 个文件无法打开：
{1}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/photo_doc.py" line="109"/>
        <source>Unsaved repairs</source>
        <translation>未保存的修复</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/photo_doc.py" line="110"/>
        <source>Discard the unsaved repairs of {0}?</source>
        <translation>放弃 {0} 中未保存的修复吗？</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_panel.py" line="266"/>
        <source>Load Mask</source>
        <translation>载入蒙版</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_panel.py" line="277"/>
        <source>Loading mask</source>
        <translation>正在载入蒙版</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_panel.py" line="284"/>
        <source>Save Mask</source>
        <translation>保存蒙版</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_panel.py" line="284"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_panel.py" line="292"/>
        <source>Mask saved to {0}</source>
        <translation>蒙版已保存到 {0}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_panel.py" line="294"/>
        <source>Saving mask</source>
        <translation>正在保存蒙版</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_panel.py" line="304"/>
        <source>Detection failed: {0}</source>
        <translation>检测失败：{0}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_panel.py" line="305"/>
        <source>Detecting damage</source>
        <translation>正在检测损伤</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_panel.py" line="312"/>
        <source>No damage found. Raise the sensitivity or paint the mask yourself.</source>
        <translation>未发现损伤。请提高灵敏度，或手动绘制蒙版。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_panel.py" line="316"/>
        <source>Marked {0:.2f}% of the photo. Check the red areas, erase any mistakes, then press Repair.</source>
        <translation>已标记照片的 {0:.2f}%。请检查红色区域，擦除误标，然后按“修复”。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_panel.py" line="352"/>
        <source>Paint over the damaged area first: the mask is empty.</source>
        <translation>请先涂抹受损区域：蒙版是空的。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_panel.py" line="359"/>
        <source>Repair failed: {0}</source>
        <translation>修复失败：{0}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_panel.py" line="360"/>
        <source>Repair cancelled; nothing was changed.</source>
        <translation>修复已取消，未做任何更改。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_panel.py" line="359"/>
        <source>Repairing</source>
        <translation>正在修复</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_panel.py" line="385"/>
        <source>Restore failed: {0}</source>
        <translation>修复老照片失败：{0}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_panel.py" line="386"/>
        <source>Restore cancelled; nothing was changed.</source>
        <translation>已取消修复老照片；没有任何改动。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_panel.py" line="385"/>
        <source>Restoring</source>
        <translation>正在修复老照片</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_panel.py" line="396"/>
        <source>Restored: 1 defect repaired</source>
        <translation>修复完成：修复了 1 处瑕疵</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_panel.py" line="396"/>
        <source>Restored: {0} defects repaired</source>
        <translation>修复完成：修复了 {0} 处瑕疵</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_panel.py" line="397"/>
        <source> ({0:.2f}% of the pixels)</source>
        <translation>（占像素的 {0:.2f}%）</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_panel.py" line="399"/>
        <source>; fading and colour corrected</source>
        <translation>；已校正褪色和偏色</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_panel.py" line="400"/>
        <source>; noise reduced</source>
        <translation>；已降噪</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_panel.py" line="402"/>
        <source>. The red marks show what was found: erase mistakes or paint what was missed, then press Repair.</source>
        <translation>。红色标记是检测到的瑕疵：擦除误标，补画遗漏，然后按“修复”。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_panel.py" line="420"/>
        <source>Repaired {0}</source>
        <translation>已修复 {0}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_panel.py" line="453"/>
        <source>Could not save: {0}</source>
        <translation>无法保存：{0}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_panel.py" line="454"/>
        <source>Saving</source>
        <translation>正在保存</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_panel.py" line="461"/>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/photo_save.py" line="29"/>
        <source>Same format</source>
        <translation>相同格式</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/photo_save.py" line="30"/>
        <source>Save Repaired Photo</source>
        <translation>保存修复后的照片</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/photo_save.py" line="39"/>
        <source>Replace the original?</source>
        <translation>替换原始照片？</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/photo_save.py" line="40"/>
        <source>This replaces your original photo. Continue?</source>
        <translation>这将替换您的原始照片。是否继续？</translation>
    </message>
</context>
<context>
    <name>RepairSidebar</name>
    <message>
        <location filename="../../studio/gui/panels/repair_sidebar.py" line="45"/>
        <source>Mask</source>
        <translation>蒙版</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_sidebar.py" line="59"/>
        <source>Brush size ([ and ])</source>
        <translation>画笔大小（[ 和 ]）</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_sidebar.py" line="60"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_sidebar.py" line="65"/>
        <source>Brush size in photo pixels ([ and ])</source>
        <translation>画笔大小，以照片像素计（[ 和 ]）</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_sidebar.py" line="86"/>
        <source>Detection sensitivity: higher also finds faint marks</source>
        <translation>检测灵敏度：越高越能发现浅淡的痕迹</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_sidebar.py" line="89"/>
        <source>Show mask</source>
        <translation>显示蒙版</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_sidebar.py" line="96"/>
        <source>Repair</source>
        <translation>修复</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_sidebar.py" line="107"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_sidebar.py" line="128"/>
        <source>Enhance</source>
        <translation>增强</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_sidebar.py" line="132"/>
        <source>Denoise</source>
        <translation>降噪</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_sidebar.py" line="132"/>
        <source>Smooth film grain and sensor noise</source>
        <translation>平滑胶片颗粒和传感器噪点</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_sidebar.py" line="133"/>
        <source>Contrast</source>
        <translation>对比度</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_sidebar.py" line="133"/>
        <source>Local contrast (CLAHE) without colour shifts</source>
        <translation>局部对比度（CLAHE），不产生色偏</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_sidebar.py" line="134"/>
        <source>Sharpen</source>
        <translation>锐化</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_sidebar.py" line="134"/>
        <source>Unsharp mask</source>
        <translation>反锐化掩模</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_sidebar.py" line="135"/>
        <source>Fix colours</source>
        <translation>校正颜色</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_sidebar.py" line="135"/>
        <source>Undo fading and colour casts</source>
        <translation>修正褪色和偏色</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_sidebar.py" line="142"/>
        <source>Upscale 2×</source>
        <translation>放大 2 倍</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_sidebar.py" line="164"/>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_sidebar.py" line="167"/>
        <source>Hold to see original</source>
        <translation>按住查看原图</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_sidebar.py" line="175"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_sidebar.py" line="180"/>
        <source>Quality for JPEG and WebP files</source>
        <translation>JPEG 和 WebP 文件的质量</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_sidebar.py" line="182"/>
        <source>JPEG quality</source>
        <translation>JPEG 质量</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/repair_sidebar.py" line="237"/>
        <source>{0} px on screen at this zoom</source>
        <translation>当前缩放下屏幕上为 {0} 像素</translation>
    </message>
</context>
<context>
    <name>TrainingCurves</name>
    <message>
        <location filename="../../studio/gui/widgets/curves.py" line="46"/>
        <source>step</source>
        <translation>步数</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="85"/>
        <source>Non-saturating (BCE)</source>
        <translation>非饱和（BCE）</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="86"/>
        <source>Hinge</source>
        <translation>Hinge 损失</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="88"/>
        <source>Translation</source>
        <translation>平移</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="89"/>
        <source>Colour + translation + cutout</source>
        <translation>颜色 + 平移 + 遮挡</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="90"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="100"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="102"/>
        <location filename="../../studio/gui/panels/training_panel.py" line="324"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="105"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="107"/>
        <source>Resume</source>
        <translation>从检查点恢复</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="108"/>
        <source>Continue the open run from its last checkpoint</source>
        <translation>从最近的检查点继续当前训练</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="110"/>
        <source>Open Run…</source>
        <translation>打开训练…</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="112"/>
        <source>Use This Model</source>
        <translation>使用此模型</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="113"/>
        <source>Make this run&apos;s best generator available for face generation</source>
        <translation>让本次训练的最佳生成器可用于人脸生成</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="115"/>
        <source>Layers…</source>
        <translation>各层…</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="116"/>
        <source>What each layer of this run&apos;s newest weights sees in one sample</source>
        <translation>此训练最新权重的每一层在一个样本中看到的内容</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="120"/>
        <source>Samples appear here while training.</source>
        <translation>训练时会在这里显示样例。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="134"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="137"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="138"/>
        <source>Resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="139"/>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="140"/>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="141"/>
        <source>Network width</source>
        <translation>网络宽度</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="142"/>
        <source>Loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="143"/>
        <source>Augmentation</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="144"/>
        <source>EMA decay</source>
        <translation>EMA 衰减</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="145"/>
        <source>Checkpoint every</source>
        <translation>检查点间隔</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="146"/>
        <source>Evaluate every</source>
        <translation>评估间隔</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="147"/>
        <source>Steps between quality measurements (SWD for faces, hole PSNR for repair)</source>
        <translation>两次质量评估之间的步数（人脸用 SWD，修复用孔洞 PSNR）</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="149"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="174"/>
        <source>&lt;h2&gt;Training&lt;/h2&gt;&lt;p&gt;Train a face generator on a folder of face photos, or the photo-repair network or the damage detector on any photos, and watch the losses and sample images as it learns.&lt;/p&gt;&lt;p&gt;Choose a folder on the left and press &lt;b&gt;Start&lt;/b&gt;. Runs are saved as they go: &lt;b&gt;Open Run…&lt;/b&gt; and &lt;b&gt;Resume&lt;/b&gt; continue them later.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;训练&lt;/h2&gt;&lt;p&gt;用一个人脸照片文件夹训练人脸生成器，或用任意照片训练照片修复网络或瑕疵检测器，并实时查看损失曲线和样例图像。&lt;/p&gt;&lt;p&gt;在左侧选择文件夹，然后按&lt;b&gt;开始&lt;/b&gt;。训练过程会随时保存：之后可用&lt;b&gt;打开训练…&lt;/b&gt;和&lt;b&gt;从检查点恢复&lt;/b&gt;接着训练。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="179"/>
        <source>Try with the Sample Landscapes</source>
        <translation>用示例风景照片试训</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="181"/>
        <source>No GPU found: training runs on the CPU. A short trial takes minutes; a real model takes hours. Studio uses an NVIDIA or Apple GPU automatically when there is one.</source>
        <translation>未找到 GPU：训练将在 CPU 上运行。简短试训需要几分钟，正式模型需要数小时。有 NVIDIA 或 Apple GPU 时 Studio 会自动使用。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="236"/>
        <source>Sample landscapes chosen for a 300-step trial of the photo-repair model. Press Start.</source>
        <translation>已选择示例风景照片，用于照片修复模型的 300 步试训。请按“开始”。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="270"/>
        <source>Choose a folder of training images first.</source>
        <translation>请先选择训练图像文件夹。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="284"/>
        <location filename="../../studio/gui/panels/training_panel.py" line="291"/>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="302"/>
        <source>Training finished at step {0}.</source>
        <translation>训练已在第 {0} 步完成。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="303"/>
        <source>Training stopped; the last checkpoint is saved. Press Resume to continue.</source>
        <translation>训练已停止，最近的检查点已保存。按“继续”可接着训练。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="305"/>
        <source>Stopped at step {0}</source>
        <translation>已在第 {0} 步停止</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="306"/>
        <source>Training failed: {0}</source>
        <translation>训练失败：{0}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="317"/>
        <source>Stopping after the current step and saving a checkpoint…</source>
        <translation>将在当前步完成后停止并保存检查点…</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="324"/>
        <source>Continue</source>
        <translation>继续训练</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="328"/>
        <source>Open Training Run</source>
        <translation>打开训练记录</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="355"/>
        <source>Step {0} of {1}</source>
        <translation>第 {0} / {1} 步</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="372"/>
        <source>Run: {0}</source>
        <translation>训练：{0}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="387"/>
        <source>This run has no model yet: train until the first evaluation.</source>
        <translation>本次训练还没有模型：请训练到第一次评估之后。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="390"/>
        <source>photo repair</source>
        <translation>照片修复</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="390"/>
        <source>damage detection</source>
        <translation>瑕疵检测</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="391"/>
        <source>face generation</source>
        <translation>人脸生成</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="393"/>
        <source>Model “{0}” is now available for {1}.</source>
        <translation>模型“{0}”现在可用于{1}。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="408"/>
        <source>Step {0} of {1} · {2:.0f} images/s · {3} left</source>
        <translation>第 {0} / {1} 步 · {2:.0f} 张/秒 · 剩余 {3}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="412"/>
        <source> · hole PSNR {0:.2f} dB ({1:+.2f} vs OpenCV)</source>
        <translation> · 孔洞 PSNR {0:.2f} dB（相对 OpenCV {1:+.2f}）</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="416"/>
        <source> · precision {0:.2f}, recall {1:.2f}</source>
        <translation> · 精确率 {0:.2f}，召回率 {1:.2f}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="420"/>
        <source> · SWD {0:.1f} (best {1:.1f})</source>
        <translation> · SWD {0:.1f}（最佳 {1:.1f}）</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="423"/>
        <source>Paused at step {0}</source>
        <translation>已在第 {0} 步暂停</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/training_panel.py" line="425"/>
        <source>Checkpoint saved at step {0}</source>
        <translation>已在第 {0} 步保存检查点</translation>
    </message>
</context>
<context>
    <name>VideoPanel</name>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="66"/>
        <source>Previous frame (Left)</source>
        <translation>上一帧（←）</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="67"/>
        <source>Play / pause (K)</source>
        <translation>播放 / 暂停（K）</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="68"/>
        <source>Next frame (Right)</source>
        <translation>下一帧（→）</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="80"/>
        <source>Mark In</source>
        <translation>标记入点</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="81"/>
        <source>Repair from this frame (I)</source>
        <translation>从这一帧开始修复（I）</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="83"/>
        <source>Mark Out</source>
        <translation>标记出点</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="84"/>
        <source>Repair up to this frame (O)</source>
        <translation>修复到这一帧为止（O）</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="86"/>
        <source>Whole Clip</source>
        <translation>整段视频</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="95"/>
        <source>&lt;h2&gt;Video repair&lt;/h2&gt;&lt;p&gt;Drop a video here, or use &lt;b&gt;Open Video…&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;Paint over a logo or object to remove it across the frames, clean film dust, and rebuild broken frames. The sound is kept.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;视频修复&lt;/h2&gt;&lt;p&gt;把视频拖到这里，或使用&lt;b&gt;打开视频…&lt;/b&gt;。&lt;/p&gt;&lt;p&gt;涂抹台标或物体即可在所有帧中将其去除，还能清除胶片灰尘、重建损坏的帧。声音会被保留。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="98"/>
        <location filename="../../studio/gui/panels/video_panel.py" line="110"/>
        <source>Open Video…</source>
        <translation>打开视频…</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="99"/>
        <source>Try the Sample Clip</source>
        <translation>试试示例视频</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="112"/>
        <location filename="../../studio/gui/panels/video_panel.py" line="237"/>
        <source>Drop a video here or open one.</source>
        <translation>把视频拖到这里，或打开一个视频。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="117"/>
        <source>Repair</source>
        <translation>修复</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="119"/>
        <source>Remove the painted region</source>
        <translation>去除涂抹区域</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="120"/>
        <source>Paint over a logo or object on the frame; it is filled from other frames where they show what is behind it</source>
        <translation>在画面上涂抹台标或物体；会用其他帧中露出的背景来填补</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="122"/>
        <source>Clean film dust and specks</source>
        <translation>清除胶片灰尘和斑点</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="123"/>
        <source>Rebuild broken frames</source>
        <translation>重建损坏的帧</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="124"/>
        <source>Black, noisy, shifted, blocky or flashing frames are rebuilt from their neighbours</source>
        <translation>黑帧、噪点帧、错位帧、马赛克帧或闪白帧会根据相邻帧重建</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="134"/>
        <source>Mask</source>
        <translation>蒙版</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="140"/>
        <source>Brush size</source>
        <translation>画笔大小</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="141"/>
        <source>Eraser</source>
        <translation>橡皮擦</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="145"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="147"/>
        <source>Load…</source>
        <translation>载入…</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="154"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="159"/>
        <source>H.264 quality: lower is better and larger (18 looks lossless)</source>
        <translation>H.264 质量：数值越低画质越好、文件越大（18 看起来无损）</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="160"/>
        <source>Quality (CRF)</source>
        <translation>质量（CRF）</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="163"/>
        <source>Preview Frame</source>
        <translation>预览当前帧</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="164"/>
        <source>Repair just this frame to check the settings (P)</source>
        <translation>只修复这一帧以检查设置（P）</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="166"/>
        <source>Repair Clip…</source>
        <translation>修复视频…</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="169"/>
        <source>Compare with result</source>
        <translation>与结果对比</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="170"/>
        <source>Original on the left of the split, repaired on the right</source>
        <translation>分割线左侧为原始画面，右侧为修复结果</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="212"/>
        <source>Open Video</source>
        <translation>打开视频</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="213"/>
        <source>Videos ({0});;All files (*)</source>
        <translation>视频 ({0});;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="227"/>
        <source>The caption is masked and all three repairs are on. Press Preview Frame (P) to check one frame, then Repair Clip…</source>
        <translation>字幕已被蒙版覆盖，三种修复均已开启。按“预览当前帧”（P）检查一帧，然后按“修复视频…”。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="233"/>
        <source>Opening {0}…</source>
        <translation>正在打开 {0}…</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="236"/>
        <source>Could not open the video: {0}</source>
        <translation>无法打开视频：{0}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="242"/>
        <source>{0} has no frames.</source>
        <translation>{0} 没有任何帧。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="250"/>
        <source>no audio</source>
        <translation>无音频</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="251"/>
        <source>{0}
{1}×{2}, {3} frames, {4:.3g} fps, {5}</source>
        <translation>{0}
{1}×{2}，{3} 帧，{4:.3g} fps，{5}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="267"/>
        <source>Opened {0}</source>
        <translation>已打开 {0}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="322"/>
        <source>frame {0} / {1} · {2}</source>
        <translation>第 {0} / {1} 帧 · {2}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="357"/>
        <source>Repairing the whole clip</source>
        <translation>修复整段视频</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="359"/>
        <source>Repairing frames {0}–{1} ({2}); the rest passes through</source>
        <translation>修复第 {0}–{1} 帧（{2}）；其余部分原样保留</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="371"/>
        <source>Load Mask</source>
        <translation>载入蒙版</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="373"/>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff)</source>
        <translation>图像 (*.png *.jpg *.jpeg *.bmp *.tif *.tiff)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="396"/>
        <source>Paint over the region to remove first (or choose dust or broken-frame repair, or an enhancement).</source>
        <translation>请先涂抹要去除的区域（或选择清除灰尘、重建损坏帧，或某项增强）。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="400"/>
        <source>Choose what to repair or enhance.</source>
        <translation>请选择要修复或增强的内容。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="419"/>
        <source>Save Repaired Video</source>
        <translation>保存修复后的视频</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="420"/>
        <source>MP4 video (*.mp4)</source>
        <translation>MP4 视频 (*.mp4)</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="437"/>
        <source>Video repair failed: {0}</source>
        <translation>视频修复失败：{0}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="438"/>
        <source>Cancelled; nothing was written.</source>
        <translation>已取消，未写入任何文件。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="441"/>
        <source>Repairing…</source>
        <translation>正在修复…</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_panel.py" line="442"/>
        <source>Repairing {0}</source>
        <translation>正在修复 {0}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_report.py" line="11"/>
        <source>Wrote {0}: {1} frames in {2} ({3:.1f} frames/s).</source>
        <translation>已写入 {0}：{1} 帧，用时 {2}（每秒 {3:.1f} 帧）。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_report.py" line="14"/>
        <source>Output: {0} frames at {1:.3g} frames/s, {2}×{3}.</source>
        <translation>输出：{0} 帧，每秒 {1:.3g} 帧，{2}×{3}。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_report.py" line="17"/>
        <source>Audio kept ({0}).</source>
        <translation>已保留音频（{0}）。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_report.py" line="19"/>
        <source>{0:.0%} of the painted region came from other frames.</source>
        <translation>涂抹区域中有 {0:.0%} 取自其他帧。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_report.py" line="22"/>
        <source>Dust cleaned on 1 frame.</source>
        <translation>已清除 1 帧上的灰尘。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_report.py" line="23"/>
        <source>Dust cleaned on {0} frames.</source>
        <translation>已在 {0} 帧上清除灰尘。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_report.py" line="29"/>
        <source>Rebuilt 1 broken frame: {0}</source>
        <translation>已重建 1 个损坏帧：{0}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_report.py" line="31"/>
        <source>Rebuilt {0} broken frames: {1}{2}</source>
        <translation>已重建 {0} 个损坏的帧：{1}{2}</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_report.py" line="33"/>
        <source>No broken frames found.</source>
        <translation>未发现损坏的帧。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_report.py" line="35"/>
        <source>Warning: the video ended after {0} of the {1} frames it declares; the file is truncated or damaged, so the result is shorter.</source>
        <translation>警告：视频在其声明的 {1} 帧中的第 {0} 帧后就结束了；文件被截断或已损坏，因此结果较短。</translation>
    </message>
    <message>
        <location filename="../../studio/gui/panels/video_report.py" line="38"/>
        <source>Warning: {0} damaged packets in the video were skipped.</source>
        <translation>警告：跳过了视频中 {0} 个损坏的数据包。</translation>
    </message>
</context>
</TS>
